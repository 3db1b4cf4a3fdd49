package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.Component;
import dev.cogworks.api.messaging.Embed;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRowChildComponent;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;

/** The API's embeds, components and mention rules as JDA's types. */
final class JdaMessages {
  private JdaMessages() {}

  static List<MessageEmbed> embeds(List<Embed> embeds) {
    List<MessageEmbed> result = new ArrayList<>();
    for (Embed embed : embeds) {
      EmbedBuilder builder = new EmbedBuilder();
      builder.setTitle(embed.title(), embed.url());
      builder.setDescription(embed.description());
      if (embed.color() != null) {
        builder.setColor(embed.color());
      }
      embed.fields().forEach(f -> builder.addField(f.name(), f.value(), f.inline()));
      builder.setFooter(embed.footer());
      builder.setAuthor(embed.authorName());
      builder.setImage(embed.imageUrl());
      builder.setThumbnail(embed.thumbnailUrl());
      builder.setTimestamp(embed.timestamp());
      result.add(builder.build());
    }
    return result;
  }

  static List<net.dv8tion.jda.api.components.actionrow.ActionRow> rows(List<ActionRow> rows) {
    List<net.dv8tion.jda.api.components.actionrow.ActionRow> result = new ArrayList<>();
    for (ActionRow row : rows) {
      List<ActionRowChildComponent> children = new ArrayList<>();
      for (Component component : row.components()) {
        children.add(component(component));
      }
      result.add(net.dv8tion.jda.api.components.actionrow.ActionRow.of(children));
    }
    return result;
  }

  private static ActionRowChildComponent component(Component component) {
    if (component instanceof Component.Button b) {
      Button button =
          b.style() == dev.cogworks.api.messaging.ButtonStyle.LINK
              ? Button.link(b.url(), b.label())
              : Button.of(ButtonStyle.valueOf(b.style().name()), b.customId(), b.label());
      return b.disabled() ? button.asDisabled() : button;
    }
    Component.SelectMenu m = (Component.SelectMenu) component;
    StringSelectMenu.Builder menu =
        StringSelectMenu.create(m.customId())
            .setRequiredRange(m.minValues(), m.maxValues())
            .setDisabled(m.disabled());
    if (m.placeholder() != null) {
      menu.setPlaceholder(m.placeholder());
    }
    for (Component.SelectOption o : m.options()) {
      menu.addOptions(
          SelectOption.of(o.label(), o.value())
              .withDescription(o.description())
              .withDefault(o.isDefault()));
    }
    return menu.build();
  }

  /** The mention types a message may ping; users named in the rule are added by the caller. */
  static EnumSet<Message.MentionType> mentionTypes(AllowedMentions allowed) {
    EnumSet<Message.MentionType> types = EnumSet.noneOf(Message.MentionType.class);
    if (allowed.everyone()) {
      types.add(Message.MentionType.EVERYONE);
      types.add(Message.MentionType.HERE);
    }
    if (allowed.roles()) {
      types.add(Message.MentionType.ROLE);
    }
    if (allowed.allUsers()) {
      types.add(Message.MentionType.USER);
    }
    return types;
  }
}
