package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A REST route: returns the JSON to answer with 200, or null for 204 No Content. */
@FunctionalInterface
public interface RestHandler {
  JsonNode handle(RestCall call);
}
