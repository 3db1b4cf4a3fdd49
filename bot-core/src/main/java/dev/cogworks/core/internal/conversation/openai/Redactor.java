package dev.cogworks.core.internal.conversation.openai;

/**
 * Removes the API key from text a server sent back before it is shown or logged: an error message
 * may echo what it was given (OpenAI's 401 shows a masked key; a proxy may show the header).
 */
final class Redactor {
  private final String secret;

  /** {@code secret} empty: nothing to remove. */
  Redactor(String secret) {
    this.secret = secret;
  }

  String redact(String text) {
    return secret.isEmpty() ? text : text.replace(secret, "<api key>");
  }

  @Override
  public String toString() {
    return "Redactor[" + (secret.isEmpty() ? "no key" : "key set") + "]";
  }
}
