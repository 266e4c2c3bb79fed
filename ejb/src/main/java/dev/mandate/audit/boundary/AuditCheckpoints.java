package dev.mandate.audit.boundary;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.control.AuditSigningKey;
import dev.mandate.audit.control.AuditWitness;
import dev.mandate.audit.entity.AuditChain;
import dev.mandate.audit.entity.AuditCheckpoint;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.verify.CheckpointSignatures;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals chains: writes a signed checkpoint of each chain's current head, chained to the chain's
 * previous checkpoint. Sealing a chain locks its head row briefly, so the sealed head is exactly what
 * was committed. Once the seal commits, each checkpoint also goes to the configured witnesses
 * ({@link AuditWitness}).
 */
@Stateless
public class AuditCheckpoints {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    AuditTrail trail;

    @Inject
    AuditWitness witness;

    /** Ids of the chains (of every tenant) with records no checkpoint covers yet. */
    public List<String> unsealedChains() {
        return em.createNamedQuery(AuditChain.UNSEALED, String.class).getResultList();
    }

    /** Seals one chain in a transaction of its own (the periodic sealer). Empty when nothing is new. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<CheckpointView> sealInNewTransaction(String chainId) {
        RSAKey key = AuditSigningKey.current().orElseThrow(SigningKeyUnavailableException::new);
        AuditChain chain = em.find(AuditChain.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        if (chain == null || !chain.needsSeal()) {
            return Optional.empty();
        }
        return Optional.of(seal(chain, key).view());
    }

    /**
     * Seals every chain of the caller's tenant now (an admin's request), recording that in the audit
     * first so the checkpoint covers its own audit record. The tenant's chain rows are locked in chain
     * order before anything else, so two of these at once cannot deadlock.
     */
    public List<CheckpointView> sealTenant(Caller caller) {
        RSAKey key = AuditSigningKey.current().orElseThrow(SigningKeyUnavailableException::new);
        List<AuditChain> before = lockTenantChains(caller.tenant());
        long unsealed = before.stream().filter(AuditChain::needsSeal).count();
        trail.append(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                null,
                null,
                null,
                "audit.sealed",
                "OK",
                List.of(),
                null,
                null,
                Map.of("chainsWithNewRecords", String.valueOf(unsealed), "keyId", key.getKeyID())));
        List<AuditChain> after = lockTenantChains(caller.tenant());
        // the append moved a head with plain SQL, behind the persistence context's back
        after.forEach(em::refresh);
        return after.stream()
                .filter(AuditChain::needsSeal)
                .map(chain -> seal(chain, key).view())
                .toList();
    }

    private List<AuditChain> lockTenantChains(String tenant) {
        return em.createNamedQuery(AuditChain.OF_TENANT, AuditChain.class)
                .setParameter("tenant", tenant)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private AuditCheckpoint seal(AuditChain chain, RSAKey key) {
        CheckpointView unsigned = new CheckpointView(
                chain.tenantId(),
                chain.chain(),
                chain.checkpointCount() + 1,
                chain.headSequence(),
                chain.headHash(),
                CanonicalForm.timestamp(OffsetDateTime.now(ZoneOffset.UTC)),
                chain.checkpointHash(),
                null,
                null,
                null);
        CheckpointView signed = CheckpointSignatures.sign(unsigned, key);
        AuditCheckpoint checkpoint = new AuditCheckpoint(signed);
        em.persist(checkpoint);
        chain.sealed(checkpoint);
        witness.afterCommit(signed);
        return checkpoint;
    }
}
