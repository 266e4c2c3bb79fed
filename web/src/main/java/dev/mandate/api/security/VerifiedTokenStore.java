package dev.mandate.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.Set;

/**
 * Consulted before MP-JWT's own identity store: answers VALID for a bearer token MP-JWT verified
 * earlier ({@link VerifiedTokens}), and NOT_VALIDATED for anything else, so MP-JWT verifies it as
 * always. It never rejects and never accepts a token MP-JWT has not accepted.
 *
 * <p>The token's text is read from MP-JWT's credential through its public {@code getSignedJWT()}, looked
 * up by reflection: the credential class is Payara's internal API, and if it ever changes, this store
 * steps aside (every token is verified by MP-JWT) rather than fails.
 */
@ApplicationScoped
public class VerifiedTokenStore implements IdentityStore {

    /** Before MP-JWT's store, which has the default priority (100). */
    static final int PRIORITY = 10;

    private static final ClassValue<Optional<MethodHandle>> SIGNED_JWT = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            try {
                return Optional.of(MethodHandles.publicLookup()
                        .findVirtual(type, "getSignedJWT", MethodType.methodType(String.class)));
            } catch (ReflectiveOperationException | RuntimeException notJwt) {
                return Optional.empty();
            }
        }
    };

    @Inject
    VerifiedTokens tokens;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        return rawToken(credential)
                .flatMap(tokens::find)
                .map(verified -> new CredentialValidationResult(verified.principal(), verified.groups()))
                .orElse(CredentialValidationResult.NOT_VALIDATED_RESULT);
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Both, as MP-JWT's store: Soteria passes on a validating store's groups only if it provides groups. */
    @Override
    public Set<ValidationType> validationTypes() {
        return DEFAULT_VALIDATION_TYPES;
    }

    static Optional<String> rawToken(Credential credential) {
        if (credential == null) {
            return Optional.empty();
        }
        return SIGNED_JWT.get(credential.getClass()).map(getter -> {
            try {
                return (String) getter.invoke(credential);
            } catch (Throwable unreadable) {
                return null;
            }
        });
    }
}
