package ai.adoption.eventsourcing.consumer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;

/**
 * Runs consumer work in a new JTA transaction, so that the handler may use the service's own
 * transactional beans (the command bus, projections) and they all commit with the processed-event mark.
 */
@ApplicationScoped
public class JtaTransactionRunner implements TransactionRunner {

    private final AgroalDataSource dataSource;

    @Inject
    public JtaTransactionRunner(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        });
    }
}
