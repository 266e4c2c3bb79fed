package dev.mandate.killswitch.entity;

public enum KillSwitchScope {
    /** every tenant: only the platform operator's tenant may flip it */
    GLOBAL,
    TENANT,
    AGENT,
    TOOL
}
