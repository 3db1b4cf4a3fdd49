package dev.cogworks.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.cogworks.api.Cog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * The architecture rules every cog module runs, in one call from its tests:
 *
 * <pre>{@code
 * @Test void followsTheCogRules() { CogRules.check(MusicCog.class); }
 * }</pre>
 *
 * A cog uses the cog API and nothing of the platform's internals, the simulator or the test kit; it
 * never reaches Discord around the MessagingQueue (no JDA {@code RestAction}, no {@code *Action}
 * builder); it never blocks waiting for a future; it depends on no other cog; its packages have no
 * cycles. Each rule says why when it fails.
 */
public final class CogRules {
  /** What a cog may not depend on: the platform behind the API, the simulator, the test kit. */
  static final String[] INTERNALS = {
    "dev.cogworks.core..", "dev.cogworks.sim..", "dev.cogworks.app..", "dev.cogworks.testkit.."
  };

  /** The methods that send a JDA request or wait for one. */
  private static final Set<String> REST_ACTION_METHODS =
      Set.of(
          "queue",
          "submit",
          "complete",
          "queueAfter",
          "submitAfter",
          "completeAfter",
          "timeout",
          "deadline");

  private CogRules() {}

  /** Runs every rule on the main classes of the package of {@code cog} and below. */
  public static void check(Class<? extends Cog> cog) {
    check(cog.getPackageName());
  }

  /** Runs every rule on the main classes of these packages and below (their tests are not cogs). */
  public static void check(String... packages) {
    check(
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(packages),
        packages);
  }

  /**
   * Runs every rule on {@code classes}, the cog code of {@code packages}: for cogs that are
   * themselves test fixtures, as the platform's own tests have.
   */
  public static void check(JavaClasses classes, String... packages) {
    if (classes.isEmpty()) {
      throw new AssertionError("no classes found in " + String.join(", ", packages));
    }
    StringBuilder failures = new StringBuilder();
    for (ArchRule rule : rules(packages)) {
      EvaluationResult result = rule.evaluate(classes);
      if (result.hasViolation()) {
        failures.append(result.getFailureReport()).append('\n');
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("The cog rules are broken:\n" + failures);
    }
  }

  /** The rules, for a cog whose code lives in {@code packages}. */
  public static List<ArchRule> rules(String... packages) {
    List<ArchRule> rules =
        new ArrayList<>(
            List.of(
                usesOnlyTheApi(),
                neverCallsDiscordDirectly(),
                neverBlocksOnAFuture(),
                dependsOnNoOtherCog()));
    for (String root : packages) {
      rules.add(noPackageCycles(root));
    }
    return rules;
  }

  public static ArchRule usesOnlyTheApi() {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INTERNALS)
        .because(
            "a cog compiles against bot-api (dev.cogworks.api) alone, so the platform can change"
                + " behind it");
  }

  public static ArchRule neverCallsDiscordDirectly() {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("net.dv8tion.jda.api.requests.restaction..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(net.dv8tion.jda.api.requests.RestAction.class)
        .orShould()
        .callMethodWhere(restActionCall())
        .because(
            "every Discord call of a cog goes through CogHelper and the MessagingQueue (ordered,"
                + " retried, dead-lettered, and run by the workers in external_gateway); JDA's"
                + " entities are for reading only");
  }

  public static ArchRule neverBlocksOnAFuture() {
    return noClasses()
        .should()
        .callMethodWhere(blockingWait())
        .because(
            "a handler that waits for a future stalls a cog executor thread; compose futures, or"
                + " run blocking work with CogContext.blocking");
  }

  public static ArchRule dependsOnNoOtherCog() {
    return classes()
        .that()
        .areAssignableTo(Cog.class)
        .should(notDependOnAnotherCog())
        .because("a cog depends on bot-api only, never on another cog");
  }

  public static ArchRule noPackageCycles(String root) {
    return SlicesRuleDefinition.slices()
        .matching(root + ".(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true);
  }

  private static DescribedPredicate<JavaMethodCall> restActionCall() {
    return new DescribedPredicate<>("a JDA RestAction method that sends or awaits a request") {
      @Override
      public boolean test(JavaMethodCall call) {
        return call.getTargetOwner().isAssignableTo(net.dv8tion.jda.api.requests.RestAction.class)
            && REST_ACTION_METHODS.contains(call.getName());
      }
    };
  }

  private static DescribedPredicate<JavaMethodCall> blockingWait() {
    return new DescribedPredicate<>("Future.get() or CompletableFuture.join()") {
      @Override
      public boolean test(JavaMethodCall call) {
        boolean future = call.getTargetOwner().isAssignableTo(Future.class);
        return future && (call.getName().equals("get") || call.getName().equals("join"));
      }
    };
  }

  private static ArchCondition<JavaClass> notDependOnAnotherCog() {
    return new ArchCondition<>("depend on no other cog") {
      @Override
      public void check(JavaClass cog, ConditionEvents events) {
        cog.getDirectDependenciesFromSelf().stream()
            .filter(d -> d.getTargetClass().isAssignableTo(Cog.class))
            .filter(d -> !d.getTargetClass().equals(cog))
            .filter(d -> !d.getTargetClass().getPackageName().startsWith("dev.cogworks.api"))
            .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription())));
      }
    };
  }
}
