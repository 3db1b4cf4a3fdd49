package dev.cogworks.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The test kit exposes no class of the platform's internals")
class TestKitSurfaceTest {
  private static final JavaClasses TEST_KIT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.cogworks.testkit");

  @Test
  @DisplayName("No public or protected method or constructor takes or returns one")
  void codeUnits_() {
    codeUnits()
        .that()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .arePublic()
        .or()
        .areProtected()
        .should(
            new ArchCondition<JavaCodeUnit>("take or return no dev.cogworks.core class") {
              @Override
              public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
                types.add(unit.getReturnType());
                report(unit.getFullName(), types, events, unit);
              }
            })
        .because(
            "cogs' tests use the test kit, and must not come to depend on internals through it")
        .check(TEST_KIT);
  }

  @Test
  @DisplayName("No public or protected field holds one")
  void fields_() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .arePublic()
        .or()
        .haveModifier(JavaModifier.PROTECTED)
        .should(
            new ArchCondition<JavaField>("hold no dev.cogworks.core class") {
              @Override
              public void check(JavaField field, ConditionEvents events) {
                report(field.getFullName(), List.of(field.getType()), events, field);
              }
            })
        .check(TEST_KIT);
  }

  private static void report(
      String member, List<JavaType> types, ConditionEvents events, Object location) {
    for (JavaType type : types) {
      for (JavaClass involved : type.getAllInvolvedRawTypes()) {
        if (involved.getPackageName().startsWith("dev.cogworks.core")) {
          events.add(
              SimpleConditionEvent.violated(location, member + " exposes " + involved.getName()));
        }
      }
    }
  }
}
