/** {@code netspec inventory}'s result (every object by kind with file:line, and the load problems) as text and JSON. */
package io.netspec.cli.inventory;
