package dev.tally.events.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.tally.events.FieldUpdate;
import java.io.IOException;

/**
 * Writes a {@link FieldUpdate}: set → the value, cleared → {@code null}; unchanged counts as
 * empty, so {@link dev.tally.events.TallyJson} omits the property. Not part of the API.
 */
public final class FieldUpdateSerializer extends JsonSerializer<FieldUpdate<?>> {

    @Override
    public void serialize(FieldUpdate<?> update, JsonGenerator generator, SerializerProvider provider)
            throws IOException {
        if (update instanceof FieldUpdate.SetTo<?> set) {
            provider.defaultSerializeValue(set.value(), generator);
        } else {
            generator.writeNull();
        }
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, FieldUpdate<?> update) {
        return update == null || update.isUnchanged();
    }
}
