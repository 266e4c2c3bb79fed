package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.ScimMultiWrites;
import org.junit.jupiter.api.Test;

/**
 * SCIM requests that write several records answer, on PostgreSQL, with one transaction on one connection:
 * a request never waits for the audit chain lock it holds itself.
 */
class ScimMultiWriteIT extends ScimIT {

    private final String tenant = newTenant();
    private final ScimMultiWrites scim = new ScimMultiWrites(BASE_URL, provisioner(tenant));

    @Test
    void aPutThatChangesAnAttributeAndDeactivatesAnswersAndWritesBothRecords() {
        String id = scim.putChangesAnAttributeAndDeactivates();
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and agent_id = ?"
                                + " and action in ('agent.updated', 'agent.status-changed')",
                        tenant,
                        id))
                .isEqualTo(2);
        assertThat(Database.text("select status from agent where id = ?", id)).isEqualTo("SUSPENDED");
    }

    @Test
    void aPatchOfSeveralOperationsAnswers() {
        String id = scim.patchOfSeveralOperations();
        assertThat(Database.text("select status from agent where id = ?", id)).isEqualTo("SUSPENDED");
    }

    @Test
    void aUserCreatedInactiveAnswers() {
        scim.createInactiveUser();
    }

    @Test
    void aGroupCreatedWithMembersAnswersAndAuditsBoth() {
        String id = scim.groupCreatedWithMembers();
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and action in ('role.created',"
                                + " 'role.members-replaced')",
                        tenant))
                .isEqualTo(2);
        assertThat(Database.count("select count(*) from rbac_role_assignment where role_id = ?", id))
                .isEqualTo(2);
    }

    @Test
    void aGroupPutThatRenamesAndChangesMembersAnswers() {
        scim.groupPutRenamesAndChangesMembers();
    }

    @Test
    void bulkOperationsThatEachWriteSeveralRecordsAnswer() {
        scim.bulkOperationsThatEachWriteSeveralRecords();
        assertThat(Database.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"))
                .as("nothing left waiting for a lock")
                .isZero();
    }
}
