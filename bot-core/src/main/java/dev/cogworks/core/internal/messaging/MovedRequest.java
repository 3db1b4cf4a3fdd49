package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A request a transport handed over to the one replacing it (a live mode switch), with the future
 * its caller waits on: whoever sends it completes {@code result}, so the cog's future completes
 * when the new transport is done with it.
 */
public record MovedRequest(DiscordRequest<?> request, CompletableFuture<Object> result) {}
