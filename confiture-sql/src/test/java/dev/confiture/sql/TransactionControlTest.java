package dev.confiture.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionControlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BEGIN|BEGIN",
            "begin work|BEGIN",
            "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE|BEGIN",
            "START TRANSACTION|BEGIN",
            "start transaction read only|BEGIN",
            "COMMIT|COMMIT",
            "commit and chain|COMMIT",
            "END|COMMIT",
            "end transaction|COMMIT",
            "ROLLBACK|ROLLBACK",
            "rollback work|ROLLBACK",
            "ABORT|ROLLBACK",
            "SAVEPOINT before_backfill|SAVEPOINT",
            "RELEASE SAVEPOINT before_backfill|RELEASE_SAVEPOINT",
            "release before_backfill|RELEASE_SAVEPOINT",
            "ROLLBACK TO SAVEPOINT before_backfill|ROLLBACK_TO_SAVEPOINT",
            "rollback to before_backfill|ROLLBACK_TO_SAVEPOINT",
            "ROLLBACK WORK TO SAVEPOINT s|ROLLBACK_TO_SAVEPOINT",
            "PREPARE TRANSACTION 'tx1'|PREPARE_TRANSACTION",
            "COMMIT PREPARED 'tx1'|COMMIT_PREPARED",
            "ROLLBACK PREPARED 'tx1'|ROLLBACK_PREPARED",
    })
    void recognisesEveryTransactionControlStatement(String sql, TransactionControl kind) {
        assertThat(SqlStatements.transactionControl(sql)).contains(kind);
    }

    @Test
    void leadingCommentsDoNotHideIt() {
        assertThat(SqlStatements.transactionControl("-- finish\n/* here */ COMMIT")).contains(TransactionControl.COMMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CALL refresh_all()",
            "DO $$ BEGIN PERFORM 1; END $$",
            "DO $body$ BEGIN COMMIT; END $body$",
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
            "PREPARE q AS SELECT 1",
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "SELECT 'COMMIT'",
            "-- ROLLBACK\nSELECT 1",
            "CREATE TABLE begin_log (id int)",
            "INSERT INTO \"commit\" VALUES (1)",
            "",
    })
    void otherStatementsAreNotTransactionControl(String sql) {
        assertThat(SqlStatements.transactionControl(sql)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"BEGIN,true", "COMMIT,true", "END,true", "ROLLBACK,true", "ABORT,true", "PREPARE TRANSACTION 'x',true",
            "SAVEPOINT s,false", "RELEASE s,false", "ROLLBACK TO s,false", "COMMIT PREPARED 'x',false"})
    void saysWhichOnesOpenOrEndTheSurroundingTransaction(String sql, boolean endsOrOpens) {
        assertThat(SqlStatements.transactionControl(sql).orElseThrow().opensOrEndsTransaction()).isEqualTo(endsOrOpens);
    }
}
