/*
 * xen_conf.h: the defined (inactive) domains of the Xen driver.  Xen keeps
 * no configurations of its own, so each definition is stored as domain XML
 * in a config directory, one file per domain (NAME.xml), written
 * atomically (temp file, fsync, rename): a crash mid-write leaves the old
 * definition or the new one, never a torn file.
 */

#ifndef VIR_XEN_CONF_H
#define VIR_XEN_CONF_H

#include "conf/domain_conf.h"

/* The default config directory; VIRTMIB_XEN_CONFDIR or the URI query
 * "?confdir=/path" override it. */
#define XEN_CONF_DIR_DEFAULT "/etc/virtmib/xen"

/* A loaded config directory: every definition, parsed. */
typedef struct _xenConfList xenConfList;
typedef xenConfList *xenConfListPtr;
struct _xenConfList {
    virDomainDefPtr *defs;
    size_t ndefs;
};

/* Loads every *.xml of @dir (a missing directory is an empty list).  A
 * file that does not parse is skipped: one bad file must not hide the
 * others.  Returns 0 or -1 after raising an error. */
int xenConfLoad(virConnectPtr conn, const char *dir, xenConfListPtr list);
void xenConfListClear(xenConfListPtr list);
virDomainDefPtr xenConfFindName(xenConfListPtr list, const char *name);
virDomainDefPtr xenConfFindUUID(xenConfListPtr list, const unsigned char *uuid);

/* One definition by name: a caller-frees def, NULL quietly when there is
 * none (*found false) or after raising an error (*found true). */
virDomainDefPtr xenConfRead(virConnectPtr conn, const char *dir,
                            const char *name, bool *found);
int xenConfWrite(virConnectPtr conn, const char *dir, const virDomainDef *def);
int xenConfRemove(virConnectPtr conn, const char *dir, const char *name);

#endif /* VIR_XEN_CONF_H */
