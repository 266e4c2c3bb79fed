package dev.mandate.api.audit;

import dev.mandate.audit.entity.CheckpointView;

/** A checkpoint just written: which chain, how far it seals, and its signature (a compact JWS). */
public record CheckpointResponse(
        int chain, long number, long recordSequence, String headHash, String sealedAt, String keyId, String signature) {

    static CheckpointResponse of(CheckpointView checkpoint) {
        return new CheckpointResponse(
                checkpoint.chain(),
                checkpoint.number(),
                checkpoint.recordSequence(),
                checkpoint.headHash(),
                checkpoint.sealedAt(),
                checkpoint.keyId(),
                checkpoint.signature());
    }
}
