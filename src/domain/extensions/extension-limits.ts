/** Longest custom extension attribute name, in characters. */
export const MAX_ATTRIBUTE_NAME_LENGTH = 128;

/** Longest description of a custom extension attribute, in characters. */
export const MAX_DESCRIPTION_LENGTH = 1024;
