/** {@code netspec explain}'s result (why one source may or may not reach one destination) as text and JSON. */
package io.netspec.cli.explain;
