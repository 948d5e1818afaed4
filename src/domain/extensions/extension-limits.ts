/** Maximum length of a custom extension attribute name, in characters. */
export const MAX_ATTRIBUTE_NAME_LENGTH = 128;

/** Maximum length of a custom extension attribute's description, in characters. */
export const MAX_DESCRIPTION_LENGTH = 1024;
