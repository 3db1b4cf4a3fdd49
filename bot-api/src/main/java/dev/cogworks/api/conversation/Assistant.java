package dev.cogworks.api.conversation;

/**
 * Answers people through the conversation queue ({@code ask}, direct messages to the bot). The
 * queue takes care of everything around it — one request per person, positions, history, status
 * messages, timeouts, persistence — and calls {@link #answer} on one of its worker threads, one
 * request at a time per worker.
 *
 * <p>A cog offers assistants from {@link dev.cogworks.api.Cog#assistants()}; {@code
 * conversation.assistant} names the one the bot uses. Built in: {@code openai_compatible} (any
 * OpenAI-compatible chat-completions endpoint) and {@code echo} (repeats the message, for trying
 * things out).
 *
 * <pre>{@code
 * public final class ShoutingCog extends CogHelper {
 *   public String name() { return "shouting"; }
 *
 *   public List<Assistant> assistants() {
 *     return List.of(new Assistant() {
 *       public String name() { return "shout"; }
 *       public String answer(AssistantRequest request, AnswerStream stream) {
 *         return request.message().toUpperCase(Locale.ROOT) + "!";
 *       }
 *     });
 *   }
 * }
 * }</pre>
 */
public interface Assistant {
  /** What {@code conversation.assistant} calls it: lower case, no spaces. */
  String name();

  /**
   * Answers {@code request} and returns the whole answer. May block up to {@link
   * AssistantRequest#timeout()}; the queue interrupts the thread once it passed. An assistant that
   * produces its answer piece by piece hands each piece to {@code stream} as it comes, and the
   * person sees it grow; the returned text is what is kept and shown at the end.
   *
   * @throws AssistantException when no answer can be given; its message is shown to the person.
   */
  String answer(AssistantRequest request, AnswerStream stream)
      throws AssistantException, InterruptedException;
}
