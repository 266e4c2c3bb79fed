package dev.mandate.it.h2;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.ScimMultiWrites;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SCIM requests that write several records answer on the quick start's H2 as on PostgreSQL: one
 * transaction on one connection, no request waiting out H2's lock timeout for a lock it holds itself.
 */
class ScimMultiWriteOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");

    private final ScimMultiWrites scim = new ScimMultiWrites(
            BASE,
            Fixtures.devToken(
                    BASE,
                    "okta-provisioner",
                    "scim-provisioner",
                    "h2-scim-" + UUID.randomUUID().toString().substring(0, 8)));

    @Test
    void aPutThatChangesAnAttributeAndDeactivatesAnswers() {
        scim.putChangesAnAttributeAndDeactivates();
    }

    @Test
    void aPatchOfSeveralOperationsAnswers() {
        scim.patchOfSeveralOperations();
    }

    @Test
    void aUserCreatedInactiveAnswers() {
        scim.createInactiveUser();
    }

    @Test
    void aGroupCreatedWithMembersAnswers() {
        scim.groupCreatedWithMembers();
    }

    @Test
    void aGroupPutThatRenamesAndChangesMembersAnswers() {
        scim.groupPutRenamesAndChangesMembers();
    }

    @Test
    void bulkOperationsThatEachWriteSeveralRecordsAnswer() {
        scim.bulkOperationsThatEachWriteSeveralRecords();
    }
}
