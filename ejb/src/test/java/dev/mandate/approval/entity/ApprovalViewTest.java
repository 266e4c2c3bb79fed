package dev.mandate.approval.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.routing.entity.OnExpiry;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalViewTest {

    @Test
    void fallbackApproversDecideOnlyOnceTheRequestIsPastItsFirstDueTime() {
        assertThat(request(false).decidingRoles()).containsExactly("finance-approver");
        assertThat(request(true).decidingRoles()).containsExactly("finance-approver", "controller");
    }

    @Test
    void onlyApprovingVotesCount() {
        ApprovalView approval = request(false);
        assertThat(approval.approvals()).isEqualTo(1);
        assertThat(approval.voteOf("bob"))
                .get()
                .extracting(ApprovalView.Vote::vote)
                .isEqualTo("REJECT");
        assertThat(approval.voteOf("carol")).isEmpty();
    }

    private static ApprovalView request(boolean fallback) {
        OffsetDateTime now = OffsetDateTime.now();
        return new ApprovalView(
                "a",
                "t",
                "a",
                "agent",
                "owner",
                "task",
                "pay-invoice",
                "erp",
                "pay",
                "MONEY_MOVEMENT",
                "h",
                2,
                true,
                "standard",
                OnExpiry.FALLBACK,
                now,
                fallback,
                ApprovalStatus.PENDING,
                BigDecimal.ONE,
                1,
                null,
                null,
                null,
                null,
                now,
                List.of("finance-approver"),
                List.of("controller"),
                List.of(
                        new ApprovalView.Vote("alice", "APPROVE", "finance-approver", null, now),
                        new ApprovalView.Vote("bob", "REJECT", "finance-approver", "no", now)));
    }
}
