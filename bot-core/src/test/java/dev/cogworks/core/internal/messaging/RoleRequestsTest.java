package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A worker reads roles and members from Discord's JSON; the bot reads them from JDA's cache. The
 * records must come out alike: the same order and the same fields.
 */
@DisplayName("Roles and members read from Discord's REST answers")
class RoleRequestsTest {
  private static final long GUILD = 100;

  private static String role(long id, int position, int color) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"r"
        + id
        + "\",\"position\":"
        + position
        + ",\"managed\":false,\"permissions\":\"8\",\"color\":0,\"colors\":{\"primary_color\":"
        + color
        + "}}";
  }

  @Test
  @DisplayName(
      "Get Guild Roles is listed highest first, the older role first at one position, @everyone"
          + " last, as JDA lists its cache")
  void rolesInJdaOrder() {
    DataArray answer =
        DataArray.fromJson(
            "["
                + role(GUILD, 0, 0)
                + ","
                + role(300, 1, 0)
                + ","
                + role(200, 1, 0xFF0000)
                + ","
                + role(400, 5, 0)
                + "]");

    List<GuildRole> roles = RoleRequests.list(answer, GUILD);

    assertThat(roles).extracting(GuildRole::id).containsExactly(400L, 200L, 300L, GUILD);
    assertThat(roles.get(1).color()).isEqualTo(0xFF0000);
    assertThat(roles.get(0).permissions()).isEqualTo(8);
  }

  @Test
  @DisplayName("A member object gives its roles, and owner only for the guild's owner")
  void member() {
    DataObject json =
        DataObject.fromJson(
            "{\"user\":{\"id\":\"7\",\"username\":\"alice\",\"bot\":false},\"roles\":[\"200\"]}");

    GuildMember owner = RoleRequests.member(json, 7);
    GuildMember other = RoleRequests.member(json, 8);

    assertThat(owner).isEqualTo(new GuildMember(7, "alice", false, List.of(200L), true));
    assertThat(other.owner()).isFalse();
  }
}
