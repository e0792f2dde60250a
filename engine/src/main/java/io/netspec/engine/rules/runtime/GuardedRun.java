package io.netspec.engine.rules.runtime;

import io.netspec.engine.rules.Report;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackProblem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Fires a session's rules as untrusted code: within a {@link RuleBudget} of firings and time, and with any
 * failure of a consequence (an exception, a stack overflow) turned into one problem naming the rule.
 *
 * <p>The rules fire on a daemon thread, so that a consequence that never returns (a loop in its Java code
 * cannot be interrupted) still ends the run at the time budget; that thread is abandoned, and the CLI exits.
 */
final class GuardedRun {

    /** Turns a rule and a message into a problem at the rule's pack file and line. */
    interface Describer {
        PackProblem at(Rule rule, String message);
    }

    private GuardedRun() {}

    /** Counts firings per rule and remembers the rule whose consequence is running. */
    private static final class Watch extends DefaultAgendaEventListener {
        private final Map<Rule, Long> firings = new HashMap<>();
        private volatile Rule current;
        private volatile Rule last;

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            current = event.getMatch().getRule();
            last = current;
            firings.merge(current, 1L, Long::sum);
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            current = null;
        }

        Rule mostFired() {
            return firings.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(last);
        }
    }

    /**
     * Makes a session with {@code prepare} and fires it, both on a thread of its own, named {@code name}; {@link
     * Running#await} waits for the end. Sessions of different rule bases fire side by side this way.
     */
    static Running start(Supplier<KieSession> prepare, AgendaFilter filter, RuleBudget budget, String name) {
        Running run = new Running(prepare, filter, budget);
        Thread thread = new Thread(null, run.task, name, 0);
        thread.setDaemon(true);
        run.thread = thread;
        run.deadline = System.nanoTime() + budget.timeout().toNanos();
        thread.start();
        return run;
    }

    /** A session being made and fired on its own thread. */
    static final class Running {
        private final Watch watch = new Watch();
        private final RuleBudget budget;
        private final FutureTask<Integer> task;
        private volatile KieSession session;
        private volatile RuntimeException preparing;
        private volatile long cpu;
        private Thread thread;
        private long deadline;

        private Running(Supplier<KieSession> prepare, AgendaFilter filter, RuleBudget budget) {
            this.budget = budget;
            int limit = (int) Math.min(Integer.MAX_VALUE, budget.maxFirings() + 1);
            this.task = new FutureTask<>(() -> {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long start = threads.getCurrentThreadCpuTime();
                try {
                    KieSession made;
                    try {
                        made = prepare.get();
                    } catch (RuntimeException e) {
                        // thrown to the caller as it is, as when sessions were made on the caller's thread
                        preparing = e;
                        throw e;
                    }
                    made.addEventListener(watch);
                    session = made;
                    return made.fireAllRules(filter, limit);
                } finally {
                    cpu = threads.getCurrentThreadCpuTime() - start;
                }
            });
        }

        /**
         * Waits for the firing within the time budget (counted from the start) and disposes of the session,
         * unless its thread is abandoned still running.
         */
        void await(Describer describe) throws PackException {
            int fired;
            try {
                fired = task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // not disposed: that waits for the running consequence, which may never return
                stop();
                Rule rule = watch.current != null ? watch.current : watch.mostFired();
                throw new PackException(problem(
                        describe,
                        rule,
                        "rules still running after " + seconds(budget)
                                + " (the rule time budget; a rule that loops?). Raise it with --rule-timeout or"
                                + " limits.ruleTimeoutSeconds in .netspec.yaml"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new PackException(new PackProblem("rules", 0, "interrupted while rules were running"));
            } catch (ExecutionException e) {
                dispose();
                if (preparing != null) {
                    throw preparing;
                }
                throw new PackException(failure(e.getCause(), watch, describe));
            }
            dispose();
            // the task's end happens-before get() returned: cpu is visible here
            Timing.mark(
                    "rules fired on " + thread.getName() + " (" + fired + " firings, " + cpu / 1_000_000 + " ms CPU)");
            if (fired > budget.maxFirings()) {
                throw new PackException(problem(
                        describe,
                        watch.mostFired(),
                        "rules fired more than "
                                + budget.maxFirings()
                                + " times in one run, this rule most (the rule firing budget; a rule that"
                                + " keeps inserting facts?). Raise it with --max-rule-firings or limits.ruleFirings in"
                                + " .netspec.yaml"));
            }
        }

        /** Halts a firing that is no longer waited for (another session failed): its thread is abandoned. */
        void abandon() {
            if (!task.isDone()) {
                stop();
            }
        }

        private void stop() {
            KieSession s = session;
            if (s != null) {
                s.halt();
            }
            thread.interrupt();
        }

        private void dispose() {
            KieSession s = session;
            if (s != null) {
                s.dispose();
            }
        }
    }

    private static String seconds(RuleBudget budget) {
        long ms = budget.timeout().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static PackProblem problem(Describer describe, Rule rule, String message) {
        return rule == null ? new PackProblem("rules", 0, message) : describe.at(rule, message);
    }

    /** The problem a consequence's exception or error stands for. */
    private static PackProblem failure(Throwable thrown, Watch watch, Describer describe) {
        Rule rule = watch.current != null ? watch.current : watch.last;
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Report.RuleFailure f) {
                return problem(describe, rule, f.getMessage());
            }
            if (t instanceof ConsequenceException c && c.getMatch() != null) {
                rule = c.getMatch().getRule();
            }
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root instanceof StackOverflowError
                ? "stack overflow (a rule or function that calls itself?)"
                : root instanceof OutOfMemoryError
                        ? "out of memory"
                        : root.getClass().getSimpleName()
                                + (root.getMessage() == null ? "" : ": " + oneLine(root.getMessage()));
        return problem(describe, rule, "consequence failed: " + what);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
