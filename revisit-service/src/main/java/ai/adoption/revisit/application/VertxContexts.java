package ai.adoption.revisit.application;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** Background work (the scheduler, the gauges) on a fresh, safe Vert.x duplicated context, as Hibernate Reactive needs. */
public final class VertxContexts {

    private VertxContexts() {
    }

    public static <T> Uni<T> onFreshContext(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>deferred(() -> work.get()).runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
