package org.sculpt4d.nn;

import java.util.List;

/** The weights of a file do not fit the model: every offending key is listed. */
public final class WeightLoadException extends RuntimeException {
    private final List<String> problems;

    public WeightLoadException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " loading weights:\n  "
                + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 50)))
                + (problems.size() > 50 ? "\n  ... and " + (problems.size() - 50) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
