package dev.tally.events.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import dev.tally.events.FieldUpdate;
import java.io.IOException;

/**
 * Reads a {@link FieldUpdate}: absent property → unchanged, {@code null} → cleared, a value → set.
 * Not part of the API: Jackson finds it through the annotation on {@link FieldUpdate}.
 */
public final class FieldUpdateDeserializer extends JsonDeserializer<FieldUpdate<?>> implements ContextualDeserializer {

    private final JsonDeserializer<Object> valueDeserializer;

    /** Used by Jackson before contextualisation. */
    public FieldUpdateDeserializer() {
        this(null);
    }

    private FieldUpdateDeserializer(JsonDeserializer<Object> valueDeserializer) {
        this.valueDeserializer = valueDeserializer;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JavaType type = property != null ? property.getType() : ctxt.getContextualType();
        JavaType valueType = type == null ? ctxt.constructType(Object.class) : type.containedTypeOrUnknown(0);
        return new FieldUpdateDeserializer(ctxt.findContextualValueDeserializer(valueType, property));
    }

    @Override
    public FieldUpdate<?> deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
        Object value = valueDeserializer.deserialize(parser, ctxt);
        return value == null ? FieldUpdate.cleared() : FieldUpdate.set(value);
    }

    @Override
    public FieldUpdate<?> getNullValue(DeserializationContext ctxt) {
        return FieldUpdate.cleared();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return FieldUpdate.unchanged();
    }
}
