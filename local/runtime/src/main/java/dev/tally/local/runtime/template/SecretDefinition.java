package dev.tally.local.runtime.template;

import java.util.Optional;

/**
 * An {@code AWS::SecretsManager::Secret}: either a literal {@code SecretString} or a
 * {@code GenerateSecretString} recipe.
 *
 * @param logicalId          the secret's key in {@code Resources}
 * @param name               the {@code Name} expression, when set
 * @param secretString       {@code SecretString}, when given literally in the template
 * @param passwordLength     {@code GenerateSecretString.PasswordLength} (default 32)
 * @param excludePunctuation {@code GenerateSecretString.ExcludePunctuation}
 * @param excludeCharacters  {@code GenerateSecretString.ExcludeCharacters} (empty when absent)
 * @param properties         all properties as written
 */
public record SecretDefinition(
        String logicalId,
        Optional<TemplateValue> name,
        Optional<TemplateValue> secretString,
        int passwordLength,
        boolean excludePunctuation,
        String excludeCharacters,
        TemplateMap properties) {

    /** The resource type. */
    public static final String TYPE = "AWS::SecretsManager::Secret";

    static SecretDefinition read(Resource resource) {
        Properties properties = new Properties(resource.properties(), resource.propertiesPath());
        Optional<Properties> generate = properties.optionalNested("GenerateSecretString");
        if (generate.isPresent() && generate.get().map().has("SecretStringTemplate")) {
            throw new UnsupportedConstructException(
                    generate.get().pathOf("SecretStringTemplate"),
                    "JSON secret templates are not supported locally; generate a plain string secret");
        }
        return new SecretDefinition(
                resource.logicalId(),
                properties.value("Name"),
                properties.value("SecretString"),
                generate.map(g -> g.integer("PasswordLength", 32)).orElse(32),
                generate.map(g -> g.bool("ExcludePunctuation", false)).orElse(false),
                generate.flatMap(g -> g.optionalString("ExcludeCharacters")).orElse(""),
                resource.properties());
    }
}
