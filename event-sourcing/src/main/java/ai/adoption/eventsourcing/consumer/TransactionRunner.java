package ai.adoption.eventsourcing.consumer;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Runs work in one database transaction and hands it the transaction's connection. */
@FunctionalInterface
public interface TransactionRunner {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    <T> T inTransaction(Work<T> work) throws Exception;

    /** Plain JDBC transactions on a data source, for code running outside a JTA container. */
    static TransactionRunner jdbc(DataSource dataSource) {
        return new TransactionRunner() {
            @Override
            public <T> T inTransaction(Work<T> work) throws Exception {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        T result = work.run(connection);
                        connection.commit();
                        return result;
                    } catch (Exception | Error e) {
                        try {
                            connection.rollback();
                        } catch (SQLException rollbackFailure) {
                            e.addSuppressed(rollbackFailure);
                        }
                        throw e;
                    }
                }
            }
        };
    }
}
