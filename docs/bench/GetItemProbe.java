// ADR 0178's client probe (not built by Maven; run with the JDK's source launcher).
// Start the embedded DynamoDB standalone, then run this on JDK 25 with the functions' flags and a
// function jar as classpath (it carries the SDK, the url-connection client and the X-Ray SDK):
//   java -XX:TieredStopAtLevel=1 -jar local/dynamodb/target/tally-local-dynamodb-0.1.0-SNAPSHOT-standalone.jar --port 48501 --data-dir /tmp/probe-ddb &
//   AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
//     -cp api/target/tally-api-0.1.0-SNAPSHOT-query-lambda.jar docs/bench/GetItemProbe.java http://127.0.0.1:48501 1000 \
//     sdk,sdk2,sdkxray,sdkxray2,sdkput,sdkput2,socket,sockput,huc
// Modes: sdk = SDK GetItem as the functions did before ADR 0178; sdk2 = with the Content-Length
// header taken away before the HTTP client (NoProbe below, what BufferedBodyHttpClient does);
// *xray = with an X-Ray segment around each call; sdkput* = conditional PutItem; socket/sockput =
// hand-written HTTP/1.1 on one kept-alive socket (network + server only); huc = bare
// HttpURLConnection POST in streaming mode. Each mode: N warm-up calls, then N timed ones.
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.lang.management.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.*;

/** Client-side decomposition of one GetItem against the embedded DynamoDB. */
public class GetItemProbe {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();
    static String endpoint; static int N;
    public static void main(String[] a) throws Exception {
        endpoint = a[0]; N = Integer.parseInt(a[1]); String modes = a[2];
        DynamoDbClient c = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x","y"))).build();
        post("CreateTable", "{\"TableName\":\"tsum\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"userId\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"userId\",\"KeyType\":\"HASH\"}]}");
        post("PutItem", "{\"TableName\":\"tsum\",\"Item\":{\"userId\":{\"S\":\"u1\"},\"revision\":{\"N\":\"17\"},\"owedToMe\":{\"M\":{\"EUR\":{\"N\":\"12345\"},\"USD\":{\"N\":\"99\"}}},\"iOwe\":{\"M\":{\"EUR\":{\"N\":\"500\"}}}}}");
        DynamoDbClient c2 = DynamoDbClient.builder().httpClient(new NoProbe(UrlConnectionHttpClient.create()))
            .region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x","y"))).build();
        for (String m : modes.split(",")) run(m, m.endsWith("2") ? c2 : c);
    }
    static void run(String m, DynamoDbClient c) throws Exception {
        Runnable op;
        String body = "{\"TableName\":\"tsum\",\"Key\":{\"userId\":{\"S\":\"u1\"}},\"ConsistentRead\":true}";
        switch (m) {
            case "sdk", "sdk2" -> op = () -> c.getItem(r -> r.tableName("tsum").key(Map.of("userId", AttributeValue.fromS("u1"))).consistentRead(true));
            case "sdkxray", "sdkxray2" -> op = () -> {
                com.amazonaws.xray.AWSXRay.beginSegment("probe");
                try { c.getItem(r -> r.tableName("tsum").key(Map.of("userId", AttributeValue.fromS("u1"))).consistentRead(true)); }
                finally { com.amazonaws.xray.AWSXRay.endSegment(); }
            };
            case "huc" -> op = () -> {
                try {
                    HttpURLConnection h = (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
                    h.setRequestMethod("POST"); h.setDoOutput(true);
                    h.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
                    h.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.GetItem");
                    h.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=x/20261205/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
                    byte[] b = body.getBytes(StandardCharsets.UTF_8);
                    h.setFixedLengthStreamingMode(b.length);
                    try (OutputStream o = h.getOutputStream()) { o.write(b); }
                    try (InputStream i = h.getInputStream()) { i.readAllBytes(); }
                } catch (IOException e) { throw new UncheckedIOException(e); }
            };
            case "sdkput", "sdkput2" -> {
                int[] n = {0};
                op = () -> c.putItem(r -> r.tableName("tsum").item(Map.of("userId", AttributeValue.fromS(m + "-" + System.nanoTime() + "-" + (n[0]++)), "revision", AttributeValue.fromN("1"))).conditionExpression("attribute_not_exists(userId)"));
            }
            case "sockput" -> {
                URI u = URI.create(endpoint);
                Socket s = new Socket(u.getHost(), u.getPort()); s.setTcpNoDelay(true);
                OutputStream o = s.getOutputStream(); InputStream in = new BufferedInputStream(s.getInputStream());
                int[] n = {0};
                op = () -> {
                    try {
                        String pb = "{\"TableName\":\"tsum\",\"Item\":{\"userId\":{\"S\":\"q" + System.nanoTime() + "-" + (n[0]++) + "\"},\"revision\":{\"N\":\"1\"}},\"ConditionExpression\":\"attribute_not_exists(userId)\"}";
                        byte[] b = pb.getBytes(StandardCharsets.UTF_8);
                        o.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nAuthorization: AWS4-HMAC-SHA256 Credential=x/20261205/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00\r\nContent-Length: " + b.length + "\r\n\r\n" + pb).getBytes(StandardCharsets.UTF_8)); o.flush();
                        int len = -1; String line;
                        while (!(line = readLine(in)).isEmpty()) if (line.toLowerCase().startsWith("content-length:")) len = Integer.parseInt(line.substring(15).trim());
                        in.readNBytes(len);
                    } catch (IOException e) { throw new UncheckedIOException(e); }
                };
            }
            case "socket", "split", "splitnd" -> {
                URI u = URI.create(endpoint);
                Socket s = new Socket(u.getHost(), u.getPort()); s.setTcpNoDelay(!m.equals("split"));
                OutputStream o = s.getOutputStream(); InputStream in = new BufferedInputStream(s.getInputStream());
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                byte[] req = ("POST / HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.GetItem\r\nAuthorization: AWS4-HMAC-SHA256 Credential=x/20261205/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00\r\nContent-Length: " + b.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
                op = () -> {
                    try {
                        if (m.equals("socket")) { o.write(req); o.flush(); }
                        else { int cut = req.length - b.length; o.write(req, 0, cut); o.flush(); o.write(req, cut, b.length); o.flush(); }
                        int len = -1; String line;
                        while (!(line = readLine(in)).isEmpty()) if (line.toLowerCase().startsWith("content-length:")) len = Integer.parseInt(line.substring(15).trim());
                        in.readNBytes(len);
                    } catch (IOException e) { throw new UncheckedIOException(e); }
                };
            }
            default -> throw new IllegalArgumentException(m);
        }
        for (int i = 0; i < Math.min(N, 3000); i++) op.run(); // warm (C1 compiles)
        long[] w = new long[N], cpu = new long[N];
        for (int i = 0; i < N; i++) {
            long c0 = T.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            op.run();
            w[i] = System.nanoTime() - t0; cpu[i] = T.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(w); Arrays.sort(cpu);
        System.out.printf("%-8s n=%d wall p50=%.3f p90=%.3f ms  cpu(client thread) p50=%.3f ms%n", m, N, w[N/2]/1e6, w[N*9/10]/1e6, cpu[N/2]/1e6);
    }
    static void post(String target, String body) throws IOException {
        HttpURLConnection h = (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
        h.setRequestMethod("POST"); h.setDoOutput(true);
        h.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
        h.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + target);
        h.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=x/20261205/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
        try (OutputStream o = h.getOutputStream()) { o.write(body.getBytes(StandardCharsets.UTF_8)); }
        InputStream i = h.getResponseCode() < 400 ? h.getInputStream() : h.getErrorStream();
        System.out.println(target + " -> " + h.getResponseCode() + " " + new String(i.readAllBytes()));
    }
    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(); int ch;
        while ((ch = in.read()) != -1 && ch != '\n') if (ch != '\r') sb.append((char) ch);
        return sb.toString();
    }
}

class NoProbe implements software.amazon.awssdk.http.SdkHttpClient {
    final software.amazon.awssdk.http.SdkHttpClient d;
    NoProbe(software.amazon.awssdk.http.SdkHttpClient d) { this.d = d; }
    public software.amazon.awssdk.http.ExecutableHttpRequest prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest r) {
        return d.prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest.builder().request(r.httpRequest().toBuilder().removeHeader("Content-Length").build()).contentStreamProvider(r.contentStreamProvider().orElse(null)).metricCollector(r.metricCollector().orElse(null)).build());
    }
    public void close() { d.close(); }
    public String clientName() { return d.clientName(); }
}
