package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A cog with a table of its own (migration db/migration/notes), to show data survives restarts. */
public final class NotesCog extends CogHelper {
  @Override
  public String name() {
    return "notes";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("note", "Keep a note")
            .option(OptionSpec.required("text", OptionKind.STRING, "the note"))
            .handler(
                inv ->
                    CompletableFuture.runAsync(
                            () ->
                                context()
                                    .jdbi()
                                    .useHandle(
                                        h ->
                                            h.execute(
                                                "INSERT INTO notes_notes (text) VALUES (?)",
                                                inv.string("text").orElseThrow())),
                            context().executor())
                        .thenCompose(done -> inv.reply("noted")))
            .build(),
        CommandSpec.builder("notes", "List the notes")
            .handler(
                inv ->
                    CompletableFuture.supplyAsync(
                            () ->
                                context()
                                    .jdbi()
                                    .withHandle(
                                        h ->
                                            h.createQuery(
                                                    "SELECT text FROM notes_notes ORDER BY id")
                                                .mapTo(String.class)
                                                .list()),
                            context().executor())
                        .thenCompose(notes -> inv.reply("notes: " + String.join(", ", notes))))
            .build());
  }
}
