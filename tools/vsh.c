/*
 * vsh.c: a command-line shell over libvir, in the manner of virsh.
 *
 * This file holds the program: global options, the command table, the
 * dispatch of one command, the interactive prompt, help and the error
 * helpers.  The commands live in vsh-domain.c, vsh-lifecycle.c,
 * vsh-vcpu.c and vsh-host.c.  Only the public libvir API is used.
 *
 * Exit statuses: 0 success, 1 the library or the system refused,
 * 2 unknown command or bad arguments.
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBEDIT
#include <editline/readline.h>
#endif

#include "vsh.h"

#define VSH_PROMPT "vsh # "

/* Errors */
static void vshErrorHandler(void *opaque, virErrorPtr err);

/* Commands */
static int vshCmdHelp(vshControl *ctl, const vshCmd *cmd);
static const vshCmdDef *vshFindCommand(const char *name);
static void vshPrintUsage(FILE *out, const vshCmdDef *def);
static int vshArgCountError(const vshCmd *cmd);
static int vshParseCommand(const vshCmdDef *def, size_t argc, char **argv,
                           vshControl *ctl, vshCmd *cmd);
static int vshConnect(vshControl *ctl);
static int vshRunCommand(vshControl *ctl, size_t argc, char **argv);

/* Interactive mode */
static char *vshReadLine(vshControl *ctl);
static int vshRunLine(vshControl *ctl, const char *line, bool *quit);
static int vshInteractive(vshControl *ctl);

/* Program */
static void vshProgramUsage(FILE *out);
static int vshParseGlobal(vshControl *ctl, int argc, char **argv, int *first);


static const vshCmdDef vshCommands[] = {
    { "attach-device", "DOMAIN FILE", "attach a device from an XML file", 2, 2,
      0, true, vshCmdAttachDevice, NULL, NULL },
    { "create", "FILE", "create and start a domain from an XML file", 1, 1, 0,
      true, vshCmdCreate, NULL, "created" },
    { "define", "FILE", "define (but do not start) a domain from XML", 1, 1, 0,
      true, vshCmdDefine, NULL, "defined" },
    { "destroy", "DOMAIN", "destroy (stop at once) a domain", 1, 1, 0, true,
      vshCmdDomainDo, virDomainDestroy, "destroyed" },
    { "detach-device", "DOMAIN FILE", "detach a device given as XML", 2, 2, 0,
      true, vshCmdDetachDevice, NULL, NULL },
    { "domid", "DOMAIN", "print the id of a domain", 1, 1, 0, true, vshCmdDomId,
      NULL, NULL },
    { "dominfo", "[--json] DOMAIN", "print information about a domain", 1, 1,
      VSH_OPT_JSON, true, vshCmdDomInfo, NULL, NULL },
    { "domname", "DOMAIN", "print the name of a domain", 1, 1, 0, true,
      vshCmdDomName, NULL, NULL },
    { "domstate", "DOMAIN", "print the state of a domain", 1, 1, 0, true,
      vshCmdDomState, NULL, NULL },
    { "domuuid", "DOMAIN", "print the uuid of a domain", 1, 1, 0, true,
      vshCmdDomUUID, NULL, NULL },
    { "dump", "DOMAIN FILE", "dump the core of a domain to a file", 2, 2, 0,
      true, vshCmdDump, NULL, "dumped" },
    { "dumpxml", "DOMAIN", "print the XML description of a domain", 1, 1, 0,
      true, vshCmdDumpXML, NULL, NULL },
    { "help", "[COMMAND]", "list the commands, or describe one", 0, 1, 0, false,
      vshCmdHelp, NULL, NULL },
    { "list", "[--all | --inactive] [--json]", "list domains", 0, 0,
      VSH_OPT_ALL | VSH_OPT_INACTIVE | VSH_OPT_JSON, true, vshCmdList, NULL,
      NULL },
    { "nodeinfo", "[--json]", "print information about the host node", 0, 0,
      VSH_OPT_JSON, true, vshCmdNodeInfo, NULL, NULL },
    { "reboot", "DOMAIN", "reboot a domain", 1, 1, 0, true, vshCmdDomainDo,
      vshRebootAction, "is being rebooted" },
    { "restore", "FILE", "restore a domain from a saved state file", 1, 1, 0,
      true, vshCmdRestore, NULL, NULL },
    { "resume", "DOMAIN", "resume a paused domain", 1, 1, 0, true,
      vshCmdDomainDo, virDomainResume, "resumed" },
    { "save", "DOMAIN FILE", "save a domain's state to a file and stop it", 2,
      2, 0, true, vshCmdSave, NULL, "saved" },
    { "setmaxmem", "DOMAIN KIB", "set the maximum memory of a domain", 2, 2, 0,
      true, vshCmdSetMaxMem, NULL, NULL },
    { "setmem", "DOMAIN KIB", "set the memory of a domain", 2, 2, 0, true,
      vshCmdSetMem, NULL, NULL },
    { "setvcpus", "DOMAIN COUNT", "set the number of virtual cpus", 2, 2, 0,
      true, vshCmdSetVcpus, NULL, NULL },
    { "shutdown", "DOMAIN", "ask a domain to shut down", 1, 1, 0, true,
      vshCmdDomainDo, virDomainShutdown, "is being shutdown" },
    { "start", "DOMAIN", "start a defined, inactive domain", 1, 1, 0, true,
      vshCmdDomainDo, virDomainCreate, "started" },
    { "suspend", "DOMAIN", "suspend (pause) a running domain", 1, 1, 0, true,
      vshCmdDomainDo, virDomainSuspend, "suspended" },
    { "undefine", "DOMAIN", "remove the definition of an inactive domain", 1, 1,
      0, true, vshCmdDomainDo, virDomainUndefine, "has been undefined" },
    { "uri", "", "print the URI of the connection", 0, 0, 0, true, vshCmdURI,
      NULL, NULL },
    { "vcpuinfo", "[--json] DOMAIN", "print the virtual cpus of a domain", 1, 1,
      VSH_OPT_JSON, true, vshCmdVcpuInfo, NULL, NULL },
    { "vcpupin", "DOMAIN VCPU CPULIST",
      "pin a virtual cpu to physical cpus, e.g. 0-7,^3", 3, 3, 0, true,
      vshCmdVcpuPin, NULL, NULL },
    { "version", "[--json]", "print library and hypervisor versions", 0, 0,
      VSH_OPT_JSON, true, vshCmdVersion, NULL, NULL },
};

#define VSH_NCOMMANDS (sizeof(vshCommands) / sizeof(vshCommands[0]))


/*
 * The library's error callback: keeps the message for the command to
 * print, on one line, instead of letting the library print it.
 */
static void
vshErrorHandler(void *opaque, virErrorPtr err)
{
    vshControl *ctl = opaque;
    const char *msg;
    size_t i;

    if (!ctl || !err)
        return;
    msg = err->message ? err->message : "unknown error";
    snprintf(ctl->errmsg, sizeof(ctl->errmsg), "%s", msg);
    for (i = 0; ctl->errmsg[i]; i++) {
        if (ctl->errmsg[i] == '\n' || ctl->errmsg[i] == '\r')
            ctl->errmsg[i] = ' ';
    }
    ctl->haveError = true;
}

/**
 * vshLibError:
 * @ctl: the shell
 * @what: what failed, used only if the library left no message
 *
 * Prints the library's last error on one line of stderr.
 *
 * Returns: VSH_EXIT_FAILED, for the caller to return.
 */
int
vshLibError(vshControl *ctl, const char *what)
{
    if (ctl && ctl->haveError)
        fprintf(stderr, "error: %s\n", ctl->errmsg);
    else
        fprintf(stderr, "error: %s failed\n", what ? what : "operation");
    return VSH_EXIT_FAILED;
}

/**
 * vshSysError:
 * @fmt: printf format of the message
 *
 * Prints an error of vsh itself (a file it cannot read...) on one line.
 *
 * Returns: VSH_EXIT_FAILED, for the caller to return.
 */
int
vshSysError(const char *fmt, ...)
{
    va_list ap;

    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return VSH_EXIT_FAILED;
}

/**
 * vshUsageError:
 * @cmd: the command
 * @fmt: printf format of what is wrong, or NULL
 *
 * Prints what is wrong with the command's arguments, then its usage.
 *
 * Returns: VSH_EXIT_USAGE, for the caller to return.
 */
int
vshUsageError(const vshCmd *cmd, const char *fmt, ...)
{
    va_list ap;

    if (fmt) {
        fprintf(stderr, "vsh: %s: ", cmd->def->name);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    vshPrintUsage(stderr, cmd->def);
    return VSH_EXIT_USAGE;
}

static void
vshPrintUsage(FILE *out, const vshCmdDef *def)
{
    fprintf(out, "usage: vsh %s%s%s\n", def->name, def->synopsis[0] ? " " : "",
            def->synopsis);
}

static const vshCmdDef *
vshFindCommand(const char *name)
{
    size_t i;

    for (i = 0; i < VSH_NCOMMANDS; i++) {
        if (strcmp(vshCommands[i].name, name) == 0)
            return &vshCommands[i];
    }
    return NULL;
}

/* help [COMMAND] */
static int
vshCmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const vshCmdDef *def;
    size_t i;

    if (cmd->argc == 0) {
        printf("Commands:\n");
        for (i = 0; i < VSH_NCOMMANDS; i++)
            printf("  %-15s %s\n", vshCommands[i].name, vshCommands[i].help);
        if (ctl->interactive)
            printf("  %-15s %s\n", "quit, exit", "leave the shell");
        return VSH_EXIT_OK;
    }
    def = vshFindCommand(cmd->argv[0]);
    if (!def)
        return vshUsageError(cmd, "unknown command '%s'", cmd->argv[0]);
    vshPrintUsage(stdout, def);
    printf("\n  %s\n", def->help);
    return VSH_EXIT_OK;
}

/* Says how many arguments the command wanted, then its usage. */
static int
vshArgCountError(const vshCmd *cmd)
{
    const vshCmdDef *def = cmd->def;
    const char *s = def->maxargs == 1 ? "" : "s";

    if (def->minargs == def->maxargs)
        return vshUsageError(cmd, "expected %zu argument%s, got %zu",
                             def->maxargs, s, cmd->argc);
    if (def->minargs == 0)
        return vshUsageError(cmd, "expected at most %zu argument%s, got %zu",
                             def->maxargs, s, cmd->argc);
    return vshUsageError(cmd, "expected %zu to %zu arguments, got %zu",
                         def->minargs, def->maxargs, cmd->argc);
}

/*
 * Splits @argv (the words after the command name) into options and
 * positional arguments.  "--" ends the options.  Returns 0, or
 * VSH_EXIT_USAGE after printing the usage.
 */
static int
vshParseCommand(const vshCmdDef *def, size_t argc, char **argv, vshControl *ctl,
                vshCmd *cmd)
{
    static const struct {
        const char *name;
        unsigned int flag;
    } opts[] = { { "--all", VSH_OPT_ALL },
                 { "--inactive", VSH_OPT_INACTIVE },
                 { "--json", VSH_OPT_JSON } };
    size_t i, j;
    bool optsDone = false;

    for (i = 0; i < argc; i++) {
        if (optsDone || strncmp(argv[i], "--", 2) != 0) {
            cmd->argv[cmd->argc++] = argv[i];
            continue;
        }
        if (strcmp(argv[i], "--") == 0) {
            optsDone = true;
            continue;
        }
        for (j = 0; j < sizeof(opts) / sizeof(opts[0]); j++) {
            if (strcmp(argv[i], opts[j].name) == 0 &&
                (def->opts & opts[j].flag))
                break;
        }
        if (j == sizeof(opts) / sizeof(opts[0]))
            return vshUsageError(cmd, "unknown option '%s'", argv[i]);
        cmd->opts |= opts[j].flag;
    }
    if (cmd->argc < def->minargs || cmd->argc > def->maxargs)
        return vshArgCountError(cmd);
    if ((cmd->opts & VSH_OPT_ALL) && (cmd->opts & VSH_OPT_INACTIVE))
        return vshUsageError(cmd, "--all and --inactive exclude each other");
    cmd->json =
        (cmd->opts & VSH_OPT_JSON) || (ctl->json && (def->opts & VSH_OPT_JSON));
    return 0;
}

/* Opens the connection on first use; keeps it for the next commands. */
static int
vshConnect(vshControl *ctl)
{
    if (ctl->conn)
        return 0;
    ctl->haveError = false;
    if (ctl->readonly)
        ctl->conn = virConnectOpenReadOnly(ctl->uri);
    else
        ctl->conn = virConnectOpen(ctl->uri);
    if (!ctl->conn)
        return vshLibError(ctl, "connecting to the hypervisor");
    return 0;
}

/* Runs one command: @argv[0] is its name.  Returns its exit status. */
static int
vshRunCommand(vshControl *ctl, size_t argc, char **argv)
{
    const vshCmdDef *def;
    vshCmd cmd;
    int ret;

    def = vshFindCommand(argv[0]);
    if (!def) {
        fprintf(stderr, "vsh: unknown command '%s' (try 'help')\n", argv[0]);
        return VSH_EXIT_USAGE;
    }
    memset(&cmd, 0, sizeof(cmd));
    cmd.def = def;
    cmd.argv = calloc(argc, sizeof(*cmd.argv));
    if (!cmd.argv)
        return vshSysError("out of memory");
    ret = vshParseCommand(def, argc - 1, argv + 1, ctl, &cmd);
    if (ret != 0)
        goto cleanup;
    if (def->needsConn && (ret = vshConnect(ctl)) != 0)
        goto cleanup;
    ctl->haveError = false;
    ret = def->handler(ctl, &cmd);

cleanup:
    free(cmd.argv);
    return ret;
}

/* Returns the next line (caller frees), or NULL at end of input. */
static char *
vshReadLine(vshControl *ctl)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;

#ifdef HAVE_LIBEDIT
    if (isatty(STDIN_FILENO)) {
        line = readline(VSH_PROMPT);
        if (line && line[0])
            add_history(line);
        return line;
    }
#else
    if (isatty(STDIN_FILENO)) {
        fputs(VSH_PROMPT, stdout);
        fflush(stdout);
    }
#endif
    (void)ctl;
    len = getline(&line, &cap, stdin);
    if (len < 0) {
        free(line);
        return NULL;
    }
    if (len > 0 && line[len - 1] == '\n')
        line[len - 1] = '\0';
    return line;
}

/* Splits and runs one line of the prompt; sets *@quit on quit/exit. */
static int
vshRunLine(vshControl *ctl, const char *line, bool *quit)
{
    char **argv = NULL;
    size_t argc = 0, i;
    const char *err = NULL;
    int ret = VSH_EXIT_OK;

    if (vshSplitLine(line, &argv, &argc, &err) < 0) {
        fprintf(stderr, "vsh: %s\n", err);
        return VSH_EXIT_USAGE;
    }
    if (argc > 0 &&
        (strcmp(argv[0], "quit") == 0 || strcmp(argv[0], "exit") == 0))
        *quit = true;
    else if (argc > 0)
        ret = vshRunCommand(ctl, argc, argv);
    for (i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    fflush(stdout);
    return ret;
}

/*
 * Reads commands until quit, exit or end of input.  A failing command
 * does not end the shell.  Returns the exit status of the last command
 * (0 if there was none), so that a script fed on stdin can tell.
 */
static int
vshInteractive(vshControl *ctl)
{
    char *line;
    bool quit = false;
    int ret = VSH_EXIT_OK;

    ctl->interactive = true;
    while (!quit && (line = vshReadLine(ctl)) != NULL) {
        ret = vshRunLine(ctl, line, &quit);
        free(line);
    }
    if (!quit && isatty(STDIN_FILENO))
        fputc('\n', stdout);
    return quit ? VSH_EXIT_OK : ret;
}

static void
vshProgramUsage(FILE *out)
{
    size_t i;

    fprintf(out, "usage: vsh [-c URI] [-r] [--json] [COMMAND [ARG...]]\n"
                 "\n"
                 "Without a command, vsh reads commands from a prompt.\n"
                 "\n"
                 "Options:\n"
                 "  -c, --connect URI  hypervisor URI (default: "
                 "$LIBVIRT_DEFAULT_URI, then Xen)\n"
                 "  -r, --readonly     open a read-only connection\n"
                 "      --json         JSON output where a command has it\n"
                 "  -h, --help         print this help\n"
                 "  -V, --version      print the version of vsh\n"
                 "\n"
                 "Commands:\n");
    for (i = 0; i < VSH_NCOMMANDS; i++)
        fprintf(out, "  %-15s %s\n", vshCommands[i].name, vshCommands[i].help);
}

/*
 * Parses the options before the command; *@first is set to the index of
 * the command name (argc when none).  Returns -1 to go on, or the exit
 * status when the program is done (help, version, bad option).
 */
static int
vshParseGlobal(vshControl *ctl, int argc, char **argv, int *first)
{
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *arg = argv[i];

        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        } else if (strcmp(arg, "-c") == 0 || strcmp(arg, "--connect") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "vsh: option '%s' needs a URI\n", arg);
                vshProgramUsage(stderr);
                return VSH_EXIT_USAGE;
            }
            ctl->uri = argv[++i];
        } else if (strncmp(arg, "--connect=", 10) == 0) {
            ctl->uri = arg + 10;
        } else if (strcmp(arg, "-r") == 0 || strcmp(arg, "--readonly") == 0) {
            ctl->readonly = true;
        } else if (strcmp(arg, "--json") == 0) {
            ctl->json = true;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            vshProgramUsage(stdout);
            return VSH_EXIT_OK;
        } else if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
            printf("vsh (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            return VSH_EXIT_OK;
        } else {
            fprintf(stderr, "vsh: unknown option '%s'\n", arg);
            vshProgramUsage(stderr);
            return VSH_EXIT_USAGE;
        }
    }
    *first = i;
    return -1;
}

int
main(int argc, char **argv)
{
    vshControl ctl;
    int first = argc;
    int ret;

    memset(&ctl, 0, sizeof(ctl));
    ret = vshParseGlobal(&ctl, argc, argv, &first);
    if (ret >= 0)
        return vshFinishOutput() < 0 ? VSH_EXIT_FAILED : ret;
    virSetErrorFunc(&ctl, vshErrorHandler);
    if (virInitialize() < 0) {
        ret = vshLibError(&ctl, "initializing the library");
        goto cleanup;
    }
    if (first < argc)
        ret = vshRunCommand(&ctl, (size_t)(argc - first), argv + first);
    else
        ret = vshInteractive(&ctl);

cleanup:
    if (ctl.conn && virConnectClose(ctl.conn) < 0 && ret == VSH_EXIT_OK)
        ret = vshLibError(&ctl, "closing the connection");
    if (vshFinishOutput() < 0 && ret == VSH_EXIT_OK)
        ret = VSH_EXIT_FAILED;
    return ret;
}
