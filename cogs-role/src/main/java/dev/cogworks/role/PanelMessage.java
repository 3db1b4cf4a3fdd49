package dev.cogworks.role;

/** One message of a server's role panel. */
record PanelMessage(long channelId, long messageId) {}
