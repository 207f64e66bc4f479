/*
 * vsh.h: the shell's shared state, its command table entry and the
 * helpers the command files share.  vsh uses the public libvir API only.
 */

#ifndef VSH_H
#define VSH_H

#include <stdbool.h>
#include <stddef.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Exit statuses, of the program and of one command. */
#define VSH_EXIT_OK     0
#define VSH_EXIT_FAILED 1 /* the library or the system refused */
#define VSH_EXIT_USAGE  2 /* unknown command, bad arguments */

/* Options a command accepts (vshCmdDef.opts) and was given (vshCmd.opts). */
#define VSH_OPT_ALL      (1U << 0) /* --all */
#define VSH_OPT_INACTIVE (1U << 1) /* --inactive */
#define VSH_OPT_JSON     (1U << 2) /* --json */

/* Room for the library's last error message. */
#define VSH_ERRMSG_LEN 1024

typedef struct _vshControl vshControl;
typedef struct _vshCmdDef vshCmdDef;
typedef struct _vshCmd vshCmd;

/* The shell: its options, its connection and the last library error. */
struct _vshControl {
    const char *uri;    /* -c URI, or NULL for the library's default */
    bool readonly;      /* -r */
    bool json;          /* global --json */
    bool interactive;   /* reading commands from the prompt */
    virConnectPtr conn; /* opened on the first command that needs it */
    bool haveError;     /* errmsg holds the last library error */
    char errmsg[VSH_ERRMSG_LEN];
};

/* One command as the user typed it, options taken out. */
struct _vshCmd {
    const vshCmdDef *def;
    unsigned int opts; /* VSH_OPT_* given */
    bool json;         /* --json given, or global --json and supported */
    size_t argc;       /* positional arguments */
    char **argv;
};

typedef int (*vshCmdHandler)(vshControl *ctl, const vshCmd *cmd);

/* The library call of a command that only acts on its DOMAIN. */
typedef int (*vshDomainAction)(virDomainPtr dom);

/* A setter of one number of a domain: memory, maximum memory, vcpus. */
typedef int (*vshNumberSetter)(virDomainPtr dom, unsigned long value);

/* One entry of the command table. */
struct _vshCmdDef {
    const char *name;
    const char *synopsis; /* arguments after the name, for usage lines */
    const char *help;     /* one line */
    size_t minargs;
    size_t maxargs;
    unsigned int opts; /* VSH_OPT_* accepted */
    bool needsConn;
    vshCmdHandler handler;
    vshDomainAction action; /* for vshCmdDomainDo: the call to make */
    const char *done;       /* what "Domain 'NAME' ..." says after a change */
};

/* vsh.c */
int vshUsageError(const vshCmd *cmd, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));
int vshLibError(vshControl *ctl, const char *what);
int vshSysError(const char *fmt, ...)
    __attribute__((__format__(__printf__, 1, 2)));

/* vsh-util.c */
int vshParseULong(const vshCmd *cmd, const char *what, const char *str,
                  unsigned long max, unsigned long *value);
virDomainPtr vshLookupDomain(vshControl *ctl, const char *arg);
char *vshReadFile(const char *path);
const char *vshStateName(int state);
const char *vshStateToken(int state);
const char *vshVcpuStateName(int state);
void vshJsonString(const char *str);
int vshSplitLine(const char *line, char ***argv, size_t *argc,
                 const char **err);
int vshFinishOutput(void);

/* vsh-domain.c: listing and information */
int vshCmdList(vshControl *ctl, const vshCmd *cmd);
int vshCmdDomInfo(vshControl *ctl, const vshCmd *cmd);
int vshCmdDomId(vshControl *ctl, const vshCmd *cmd);
int vshCmdDomName(vshControl *ctl, const vshCmd *cmd);
int vshCmdDomUUID(vshControl *ctl, const vshCmd *cmd);
int vshCmdDomState(vshControl *ctl, const vshCmd *cmd);
int vshCmdDumpXML(vshControl *ctl, const vshCmd *cmd);

/* vsh-lifecycle.c: changes of domains */
int vshCmdDomainDo(vshControl *ctl, const vshCmd *cmd);
int vshRebootAction(virDomainPtr dom);
int vshSetNumber(vshControl *ctl, const vshCmd *cmd, const char *what,
                 unsigned long max, vshNumberSetter setter);
int vshCmdDefine(vshControl *ctl, const vshCmd *cmd);
int vshCmdCreate(vshControl *ctl, const vshCmd *cmd);
int vshCmdSave(vshControl *ctl, const vshCmd *cmd);
int vshCmdRestore(vshControl *ctl, const vshCmd *cmd);
int vshCmdDump(vshControl *ctl, const vshCmd *cmd);
int vshCmdSetMem(vshControl *ctl, const vshCmd *cmd);
int vshCmdSetMaxMem(vshControl *ctl, const vshCmd *cmd);
int vshCmdAttachDevice(vshControl *ctl, const vshCmd *cmd);
int vshCmdDetachDevice(vshControl *ctl, const vshCmd *cmd);

/* vsh-vcpu.c: virtual CPUs */
int vshCmdSetVcpus(vshControl *ctl, const vshCmd *cmd);
int vshCmdVcpuInfo(vshControl *ctl, const vshCmd *cmd);
int vshCmdVcpuPin(vshControl *ctl, const vshCmd *cmd);

/* vsh-host.c: the node and the connection */
int vshCmdNodeInfo(vshControl *ctl, const vshCmd *cmd);
int vshCmdVersion(vshControl *ctl, const vshCmd *cmd);
int vshCmdURI(vshControl *ctl, const vshCmd *cmd);

#endif /* VSH_H */
