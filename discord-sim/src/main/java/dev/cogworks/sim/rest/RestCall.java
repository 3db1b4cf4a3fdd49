package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.model.SimBot;
import io.javalin.http.Context;

/** One authenticated REST request as a route handler sees it. */
public final class RestCall {
  private final Context ctx;
  private final SimBot bot;
  private JsonNode body;

  RestCall(Context ctx, SimBot bot) {
    this.ctx = ctx;
    this.bot = bot;
  }

  /** The calling bot; null on token-authorized routes (webhooks, interaction callbacks). */
  public SimBot bot() {
    return bot;
  }

  public Context ctx() {
    return ctx;
  }

  /**
   * A snowflake path parameter. Discord validates path ids as form fields: an unparsable one is
   * 50035 with NUMBER_TYPE_COERCE at the parameter's name, not a 404.
   */
  public long pathId(String name) {
    String raw = ctx.pathParam(name);
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw DiscordError.invalidForm(
          new FormErrors()
              .add(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake."));
    }
  }

  public String path(String name) {
    return ctx.pathParam(name);
  }

  public String query(String name) {
    return ctx.queryParam(name);
  }

  /** The JSON body, or {@code payload_json} of a multipart body, as JDA sends with files. */
  public JsonNode body() {
    if (body == null) {
      String text;
      String type = ctx.contentType();
      if (type != null && type.startsWith("multipart/")) {
        text = ctx.formParam("payload_json");
      } else {
        text = ctx.body();
      }
      try {
        body = dev.cogworks.sim.json.Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw DiscordError.malformedBody(e.getMessage());
      }
    }
    return body;
  }
}
