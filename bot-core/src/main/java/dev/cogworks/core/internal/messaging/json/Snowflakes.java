package dev.cogworks.core.internal.messaging.json;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.Collection;
import java.util.List;

/**
 * Snowflakes travel as strings, as in Discord's own JSON: a JavaScript reader would lose digits of
 * a 64-bit number. Every {@code long} in the request and result records is an id, so the rule is by
 * type, not by name, and a new record's ids need nothing extra. Reading needs no rule: Jackson
 * reads {@code "123"} into a {@code long}.
 */
final class Snowflakes extends BeanSerializerModifier {
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("snowflakes");
    module.setSerializerModifier(new Snowflakes());
    return module;
  }

  @Override
  public List<BeanPropertyWriter> changeProperties(
      SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> properties) {
    for (BeanPropertyWriter property : properties) {
      JavaType type = property.getType();
      if (isLong(type)) {
        property.assignSerializer(ToStringSerializer.instance);
      } else if (type.isCollectionLikeType() && isLong(type.getContentType())) {
        property.assignSerializer(new StdDelegatingSerializer(new AsStrings()));
      }
    }
    return properties;
  }

  private static boolean isLong(JavaType type) {
    return type.getRawClass() == long.class || type.getRawClass() == Long.class;
  }

  private static final class AsStrings extends StdConverter<Collection<?>, List<String>> {
    @Override
    public List<String> convert(Collection<?> ids) {
      return ids.stream().map(String::valueOf).toList();
    }
  }
}
