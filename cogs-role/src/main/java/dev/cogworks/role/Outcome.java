package dev.cogworks.role;

/** What one change for one member came to, as the per-user results show it. */
record Outcome(Kind kind, String text) {
  enum Kind {
    DONE,
    ALREADY,
    REFUSED,
    FAILED
  }

  static Outcome done(String text) {
    return new Outcome(Kind.DONE, text);
  }

  static Outcome already(String text) {
    return new Outcome(Kind.ALREADY, text);
  }

  static Outcome refused(String why) {
    return new Outcome(Kind.REFUSED, "not allowed: " + why);
  }

  static Outcome failed(String why) {
    return new Outcome(Kind.FAILED, "failed: " + why);
  }

  boolean changed() {
    return kind == Kind.DONE;
  }
}
