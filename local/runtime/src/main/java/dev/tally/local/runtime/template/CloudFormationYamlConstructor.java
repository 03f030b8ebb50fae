package dev.tally.local.runtime.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A snakeyaml constructor that reads CloudFormation short-form tags into {@link RawIntrinsic}
 * markers, keeps timestamps as strings ({@code AWSTemplateFormatVersion: 2010-09-09}) and rejects
 * every other application tag by name.
 */
final class CloudFormationYamlConstructor extends SafeConstructor {

    /** A short-form intrinsic before conversion into {@link Intrinsic}; {@code argument} is plain Java. */
    record RawIntrinsic(IntrinsicFunction function, Object argument, int line) {}

    CloudFormationYamlConstructor(LoaderOptions options) {
        super(options);
        for (IntrinsicFunction function : IntrinsicFunction.values()) {
            yamlConstructors.put(new Tag(function.tag()), new ConstructIntrinsic(function));
        }
        yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        yamlConstructors.put(Tag.BINARY, new RejectTag());
        yamlConstructors.put(Tag.SET, new RejectTag());
        yamlConstructors.put(null, new RejectTag());
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
        private final IntrinsicFunction function;

        ConstructIntrinsic(IntrinsicFunction function) {
            this.function = function;
        }

        @Override
        public Object construct(Node node) {
            Object argument;
            if (node instanceof ScalarNode scalar) {
                argument = constructScalar(scalar);
            } else if (node instanceof SequenceNode sequence) {
                argument = constructSequence(sequence);
            } else {
                argument = constructMapping((MappingNode) node);
            }
            return new RawIntrinsic(function, argument, node.getStartMark().getLine() + 1);
        }
    }

    private static final class RejectTag extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            throw new UnsupportedConstructException(
                    "line " + (node.getStartMark().getLine() + 1),
                    "YAML tag " + node.getTag().getValue() + " is not a CloudFormation intrinsic function;"
                            + " supported tags: !Ref, !GetAtt, !Sub, !Join, !Select, !Split, !If, !Equals, !Not,"
                            + " !And, !Or, !Condition, !GetAZs, !FindInMap, !ImportValue, !Base64, !Cidr,"
                            + " !Length, !ToJsonString, !Transform");
        }
    }
}
