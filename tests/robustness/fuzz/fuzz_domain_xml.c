/*
 * fuzz_domain_xml.c: the domain XML parser (lib/conf/domain_parse.c).  Every
 * definition it accepts must format, and the formatted XML must parse
 * again and format to the same text.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conf/domain_conf.h"
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    char *xml = fuzzString(data, size);
    virDomainDefPtr def, again = NULL;
    char *out = NULL, *out2 = NULL;

    if (!init) {
        fuzzQuiet();
        init = 1;
    }
    def = virDomainDefParseString(NULL, xml);
    if (!def)
        goto cleanup;
    out = virDomainDefFormat(NULL, def, -1);
    if (!out)
        abort();
    again = virDomainDefParseString(NULL, out);
    if (!again)
        abort(); /* our own output refused */
    out2 = virDomainDefFormat(NULL, again, -1);
    if (!out2 || strcmp(out, out2) != 0)
        abort(); /* formatting is not stable */

cleanup:
    virDomainDefFree(again);
    virDomainDefFree(def);
    free(out2);
    free(out);
    free(xml);
    return 0;
}
