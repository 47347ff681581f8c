/**
 * Shared by the bank commands and the quiz session: the languages, the
 * locale rule and picking one language of a text (src/core/text.ts,
 * src/render/lang.ts decide which language a run uses).
 */
export { LANGS, tr as textIn } from '../core/text';
export { localeLang } from '../render/lang';
