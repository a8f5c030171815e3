package org.convncf.trainer.model;

/** Training cannot go on for a reason the user can act on (diverging loss, impossible data). */
public final class TrainingException extends RuntimeException {

    public TrainingException(String message) {
        super(message);
    }
}
