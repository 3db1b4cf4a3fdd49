package dev.cogworks.api.messaging;

/** Discord's button styles; {@link #LINK} opens a URL instead of sending an interaction. */
public enum ButtonStyle {
  PRIMARY,
  SECONDARY,
  SUCCESS,
  DANGER,
  LINK
}
