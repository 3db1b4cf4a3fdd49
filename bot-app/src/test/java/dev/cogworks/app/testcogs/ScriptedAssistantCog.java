package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.conversation.AssistantException;
import dev.cogworks.api.conversation.AssistantRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A cog offering the assistant {@code scripted}, whose answer the question decides, so that tests
 * drive the conversation queue through a plugin assistant as any cog would offer one:
 *
 * <ul>
 *   <li>{@code hold …} waits until {@link #release()} (or its thread is interrupted);
 *   <li>{@code fail …} refuses with an {@link AssistantException};
 *   <li>{@code crash …} throws something unexpected;
 *   <li>{@code sleep …} takes a minute (past any test's request timeout);
 *   <li>{@code stream N …} streams N words, a few milliseconds apart, as a model does;
 *   <li>{@code long …} answers 5,000 characters, streamed;
 *   <li>{@code ping …} answers with mentions of everyone, a role and the asker;
 *   <li>anything else: {@code answer to: <question> (history N)}.
 * </ul>
 */
public final class ScriptedAssistantCog extends CogHelper implements Assistant {
  /** Every request the assistant was given, in order. */
  public static final List<AssistantRequest> calls = new CopyOnWriteArrayList<>();

  private static volatile CountDownLatch gate = new CountDownLatch(1);

  /** Lets every held answer (and later ones) go on; {@link #reset()} closes the gate again. */
  public static void release() {
    gate.countDown();
  }

  public static void reset() {
    calls.clear();
    gate.countDown();
    gate = new CountDownLatch(1);
  }

  @Override
  public String name() {
    return "scripted";
  }

  /** The cog is its own assistant, of the same name. */
  @Override
  public List<Assistant> assistants() {
    return List.of(this);
  }

  @Override
  public String answer(AssistantRequest request, AnswerStream stream)
      throws AssistantException, InterruptedException {
    calls.add(request);
    String question = request.message();
    if (question.startsWith("hold")) {
      gate.await();
    }
    if (question.startsWith("fail")) {
      throw new AssistantException("the model server said no (test)");
    }
    if (question.startsWith("crash")) {
      throw new IllegalStateException("an unexpected bug (test)");
    }
    if (question.startsWith("sleep")) {
      TimeUnit.MINUTES.sleep(1);
    }
    if (question.startsWith("stream")) {
      int words = Integer.parseInt(question.split(" ")[1]);
      StringBuilder answer = new StringBuilder();
      for (int i = 1; i <= words; i++) {
        String piece = "word" + i + " ";
        answer.append(piece);
        stream.append(piece);
        // A model's tokens come a few milliseconds apart.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return answer.toString().strip();
    }
    if (question.startsWith("long")) {
      StringBuilder answer = new StringBuilder();
      for (int i = 0; i < 500; i++) {
        String piece = String.format("line %03d of a long answer%n", i).substring(0, 10);
        answer.append(piece);
        stream.append(piece);
      }
      return answer.toString();
    }
    if (question.startsWith("ping")) {
      return "@everyone <@&" + 1 + "> <@" + request.userId() + "> hello";
    }
    return "answer to: " + question + " (history " + request.history().size() + ")";
  }
}
