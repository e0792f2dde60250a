package io.netspec.cli;

import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.SourceRef;
import java.util.Map;

/** A made-up object kind ({@code example.com/Widget}), registered only in {@link RegisteredKindTest}. */
public record WidgetFact(String namespace, String name, String color, Map<String, String> annotations, SourceRef source)
        implements ObjectFact.Extension {

    @Override
    public String objectKind() {
        return "Widget";
    }

    @Override
    public String id() {
        return namespace + "/" + name;
    }
}
