/** netspec's own version and the semantic versions and ranges packs declare ({@code requires: netspec}). */
package io.netspec.engine.version;
