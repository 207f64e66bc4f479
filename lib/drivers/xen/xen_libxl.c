/*
 * xen_libxl.c: guest construction, save/restore and disk hot-plug through
 * libxl, and the one place where our domain XML becomes a libxl
 * configuration.
 *
 * Expressible: PV ("linux") guests with a kernel, initrd, command line
 * and root, memory, current memory, vcpus, on_poweroff/on_reboot/on_crash
 * and file or block disks.  Refused with VIR_ERR_NO_SUPPORT: HVM guests
 * (they need qemu-xen and hvmloader), bootloaders, network interfaces
 * and graphics.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/xen/xen_libxl.h"

#include <libxl_utils.h>

/* The save file header: magic, then the JSON length (host order). */
#define XEN_LIBXL_MAGIC    "virtmib-xensave1"
#define XEN_LIBXL_MAGICLEN 16
#define XEN_LIBXL_JSON_MAX (1024 * 1024)

/* Errors */
static void xenLibxlError(virConnectPtr conn, virDomainPtr dom,
                          const char *what, int rc);
static int xenLibxlRefuse(virConnectPtr conn, const virDomainDef *def,
                          const char *what);

/* XML -> libxl */
static int xenLibxlCheckDef(virConnectPtr conn, const virDomainDef *def);
static int xenLibxlAction(int restart);
static char *xenLibxlCmdline(const virDomainDef *def);
static int xenLibxlBuildInfo(virConnectPtr conn, libxl_ctx *ctx,
                             const virDomainDef *def,
                             libxl_domain_build_info *b);
static int xenLibxlDisk(const virDomainDiskDef *disk, libxl_device_disk *x);
static int xenLibxlConfig(virConnectPtr conn, libxl_ctx *ctx,
                          const virDomainDef *def, libxl_domain_config *cfg);
static int xenLibxlStart(virConnectPtr conn, libxl_ctx *ctx,
                         libxl_domain_config *cfg, const char *name,
                         int *domid);

/* Save files */
static int xenLibxlWriteHeader(int fd, const char *json);
static char *xenLibxlReadHeader(int fd);

/* ------------------------------------------------------------------ */

static void
xenLibxlError(virConnectPtr conn, virDomainPtr dom, const char *what, int rc)
{
    if (dom)
        virReportError(conn, dom, VIR_FROM_XEN, VIR_ERR_XEN_CALL,
                       "cannot %s domain '%s': libxl error %d", what, dom->name,
                       rc);
    else
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_XEN_CALL,
                       "cannot %s: libxl error %d", what, rc);
}

static int
xenLibxlRefuse(virConnectPtr conn, const virDomainDef *def, const char *what)
{
    return virReportError(
        conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_SUPPORT,
        "cannot start domain '%s': %s are not supported by the "
        "Xen driver",
        def->name, what);
}

libxl_ctx *
xenLibxlOpen(virConnectPtr conn, xentoollog_logger **logger)
{
    xentoollog_logger_stdiostream *log;
    libxl_ctx *ctx = NULL;
    const char *dbg = getenv("VIRTMIB_XEN_DEBUG");
    int rc;

    *logger = NULL;
    log = xtl_createlogger_stdiostream(
        stderr, dbg && *dbg == '1' ? XTL_DEBUG : XTL_CRITICAL, 0);
    if (!log) {
        virReportOOM(conn, VIR_FROM_XEN);
        return NULL;
    }
    rc = libxl_ctx_alloc(&ctx, LIBXL_VERSION, 0, (xentoollog_logger *)log);
    if (rc != 0) {
        xenLibxlError(conn, NULL, "open libxl", rc);
        xtl_logger_destroy((xentoollog_logger *)log);
        return NULL;
    }
    *logger = (xentoollog_logger *)log;
    return ctx;
}

void
xenLibxlClose(libxl_ctx *ctx, xentoollog_logger *logger)
{
    libxl_ctx_free(ctx);
    if (logger)
        xtl_logger_destroy(logger);
}

/* ------------------------------------------------------- translation */

static int
xenLibxlCheckDef(virConnectPtr conn, const virDomainDef *def)
{
    if (!def->os.type || strcmp(def->os.type, "linux") != 0)
        return xenLibxlRefuse(conn, def,
                              "HVM guests (they need qemu-xen and "
                              "hvmloader)");
    if (def->bootloader)
        return xenLibxlRefuse(conn, def, "bootloaders");
    if (!def->os.kernel)
        return virReportError(
            conn, NULL, VIR_FROM_XEN, VIR_ERR_NO_KERNEL,
            "cannot start domain '%s': a PV guest needs a kernel", def->name);
    if (def->nets)
        return xenLibxlRefuse(conn, def, "network interfaces");
    if (def->graphics)
        return xenLibxlRefuse(conn, def, "graphics");
    return 0;
}

static int
xenLibxlAction(int restart)
{
    switch (restart) {
    case VIR_DOMAIN_RESTART:
        return LIBXL_ACTION_ON_SHUTDOWN_RESTART;
    case VIR_DOMAIN_PRESERVE:
        return LIBXL_ACTION_ON_SHUTDOWN_PRESERVE;
    case VIR_DOMAIN_RENAME_RESTART:
        return LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME;
    default:
        return LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
    }
}

/* "root=ROOT CMDLINE", either part optional; caller-frees, NULL on OOM */
static char *
xenLibxlCmdline(const virDomainDef *def)
{
    char *s = NULL;
    const char *root = def->os.root, *cmd = def->os.cmdline;

    if (root && cmd)
        return asprintf(&s, "root=%s %s", root, cmd) < 0 ? NULL : s;
    if (root)
        return asprintf(&s, "root=%s", root) < 0 ? NULL : s;
    return strdup(cmd ? cmd : "");
}

static int
xenLibxlBuildInfo(virConnectPtr conn, libxl_ctx *ctx, const virDomainDef *def,
                  libxl_domain_build_info *b)
{
    unsigned int i;

    libxl_domain_build_info_init_type(b, LIBXL_DOMAIN_TYPE_PV);
    b->max_vcpus = (int)def->vcpus;
    if (libxl_bitmap_alloc(ctx, &b->avail_vcpus, (int)def->vcpus) != 0)
        goto oom;
    for (i = 0; i < def->vcpus; i++)
        libxl_bitmap_set(&b->avail_vcpus, (int)i);
    b->max_memkb = def->maxmem;
    b->target_memkb = def->memory;
    if (!(b->kernel = strdup(def->os.kernel)) ||
        (def->os.initrd && !(b->ramdisk = strdup(def->os.initrd))) ||
        !(b->cmdline = xenLibxlCmdline(def)))
        goto oom;
    return 0;
oom:
    return virReportOOM(conn, VIR_FROM_XEN);
}

static int
xenLibxlDisk(const virDomainDiskDef *disk, libxl_device_disk *x)
{
    libxl_device_disk_init(x);
    x->backend = LIBXL_DISK_BACKEND_UNKNOWN;
    x->format = LIBXL_DISK_FORMAT_RAW;
    if (disk->driverType && strcmp(disk->driverType, "qcow2") == 0)
        x->format = LIBXL_DISK_FORMAT_QCOW2;
    if (!disk->src)
        x->format = LIBXL_DISK_FORMAT_EMPTY;
    x->is_cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    x->removable = x->is_cdrom;
    x->readwrite = !disk->readonly && !x->is_cdrom;
    if (!(x->vdev = strdup(disk->dst)) ||
        (disk->src && !(x->pdev_path = strdup(disk->src))))
        return -1;
    return 0;
}

static int
xenLibxlConfig(virConnectPtr conn, libxl_ctx *ctx, const virDomainDef *def,
               libxl_domain_config *cfg)
{
    const virDomainDiskDef *d;
    int n = 0;

    if (xenLibxlCheckDef(conn, def) < 0)
        return -1;
    cfg->c_info.type = LIBXL_DOMAIN_TYPE_PV;
    if (!(cfg->c_info.name = strdup(def->name)))
        goto oom;
    memcpy(libxl_uuid_bytearray(&cfg->c_info.uuid), def->uuid, VIR_UUID_BUFLEN);
    if (xenLibxlBuildInfo(conn, ctx, def, &cfg->b_info) < 0)
        return -1;
    cfg->on_poweroff = xenLibxlAction(def->onPoweroff);
    cfg->on_reboot = xenLibxlAction(def->onReboot);
    cfg->on_crash = xenLibxlAction(def->onCrash);
    for (d = def->disks; d; d = d->next)
        n++;
    if (n && !(cfg->disks = calloc((size_t)n, sizeof(*cfg->disks))))
        goto oom;
    for (d = def->disks; d; d = d->next)
        if (xenLibxlDisk(d, &cfg->disks[cfg->num_disks++]) < 0)
            goto oom;
    return 0;
oom:
    return virReportOOM(conn, VIR_FROM_XEN);
}

/* Creates the domain of @cfg and unpauses it. */
static int
xenLibxlStart(virConnectPtr conn, libxl_ctx *ctx, libxl_domain_config *cfg,
              const char *name, int *domid)
{
    uint32_t id = INVALID_DOMID;
    int rc;

    if ((rc = libxl_domain_create_new(ctx, cfg, &id, NULL, NULL)) != 0)
        return virReportError(
            conn, NULL, VIR_FROM_XEN, VIR_ERR_XEN_CALL,
            "cannot start domain '%s': libxl could not build it "
            "(error %d)",
            name, rc);
    if ((rc = libxl_domain_unpause(ctx, id, NULL)) != 0) {
        libxl_domain_destroy(ctx, id, NULL);
        return virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_XEN_CALL,
                              "cannot start domain '%s': unpause failed (libxl "
                              "error %d)",
                              name, rc);
    }
    *domid = (int)id;
    return 0;
}

int
xenLibxlCreate(virConnectPtr conn, libxl_ctx *ctx, const virDomainDef *def,
               int *domid)
{
    libxl_domain_config cfg;
    int ret = -1;

    libxl_domain_config_init(&cfg);
    if (xenLibxlConfig(conn, ctx, def, &cfg) < 0)
        goto cleanup;
    ret = xenLibxlStart(conn, ctx, &cfg, def->name, domid);
cleanup:
    libxl_domain_config_dispose(&cfg);
    return ret;
}

int
xenLibxlRebuild(virDomainPtr dom, libxl_ctx *ctx, int *domid)
{
    libxl_domain_config cfg;
    int rc, ret = -1;

    libxl_domain_config_init(&cfg);
    rc =
        libxl_retrieve_domain_configuration(ctx, (uint32_t)dom->id, &cfg, NULL);
    if (rc != 0) {
        xenLibxlError(dom->conn, dom, "read the configuration of", rc);
        goto cleanup;
    }
    if ((rc = libxl_domain_destroy(ctx, (uint32_t)dom->id, NULL)) != 0) {
        xenLibxlError(dom->conn, dom, "restart", rc);
        goto cleanup;
    }
    cfg.c_info.domid = INVALID_DOMID;
    ret = xenLibxlStart(dom->conn, ctx, &cfg, dom->name, domid);
cleanup:
    libxl_domain_config_dispose(&cfg);
    return ret;
}

int
xenLibxlDestroy(virDomainPtr dom, libxl_ctx *ctx)
{
    int rc = libxl_domain_destroy(ctx, (uint32_t)dom->id, NULL);

    if (rc != 0) {
        xenLibxlError(dom->conn, dom, "destroy", rc);
        return -1;
    }
    return 0;
}

/* --------------------------------------------------------- save files */

static int
xenLibxlWriteHeader(int fd, const char *json)
{
    uint32_t len = (uint32_t)strlen(json) + 1;

    if (write(fd, XEN_LIBXL_MAGIC, XEN_LIBXL_MAGICLEN) != XEN_LIBXL_MAGICLEN ||
        write(fd, &len, sizeof(len)) != (ssize_t)sizeof(len) ||
        write(fd, json, len) != (ssize_t)len)
        return -1;
    return 0;
}

/* The JSON of the header (caller-frees), the file left at the stream;
 * NULL when @fd holds no save image of ours. */
static char *
xenLibxlReadHeader(int fd)
{
    char magic[XEN_LIBXL_MAGICLEN];
    uint32_t len;
    char *json;

    if (read(fd, magic, sizeof(magic)) != (ssize_t)sizeof(magic) ||
        memcmp(magic, XEN_LIBXL_MAGIC, sizeof(magic)) != 0 ||
        read(fd, &len, sizeof(len)) != (ssize_t)sizeof(len) || len < 2 ||
        len > XEN_LIBXL_JSON_MAX || !(json = malloc(len)))
        return NULL;
    if (read(fd, json, len) != (ssize_t)len || json[len - 1] != '\0') {
        free(json);
        return NULL;
    }
    return json;
}

int
xenLibxlSave(virDomainPtr dom, libxl_ctx *ctx, const char *to)
{
    libxl_domain_config cfg;
    char *json = NULL;
    int fd = -1, rc, ret = -1;

    libxl_domain_config_init(&cfg);
    rc =
        libxl_retrieve_domain_configuration(ctx, (uint32_t)dom->id, &cfg, NULL);
    if (rc != 0 || !(json = libxl_domain_config_to_json(ctx, &cfg))) {
        xenLibxlError(dom->conn, dom, "read the configuration of", rc);
        goto cleanup;
    }
    if ((fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0 ||
        xenLibxlWriteHeader(fd, json) < 0) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_WRITE_FAILED,
                       "cannot save domain '%s' to '%s': %s", dom->name, to,
                       strerror(errno));
        goto cleanup;
    }
    if ((rc = libxl_domain_suspend(ctx, (uint32_t)dom->id, fd, 0, NULL))) {
        xenLibxlError(dom->conn, dom, "save", rc);
        goto cleanup;
    }
    /* Suspended, its state in the file: the domain itself goes. */
    libxl_domain_destroy(ctx, (uint32_t)dom->id, NULL);
    ret = 0;
cleanup:
    if (fd >= 0 && close(fd) < 0 && ret == 0) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_WRITE_FAILED,
                       "cannot save domain '%s' to '%s': %s", dom->name, to,
                       strerror(errno));
        ret = -1;
    }
    if (ret < 0 && fd >= 0)
        unlink(to);
    free(json);
    libxl_domain_config_dispose(&cfg);
    return ret;
}

int
xenLibxlRestore(virConnectPtr conn, libxl_ctx *ctx, const char *from,
                int (*check)(virConnectPtr conn, const char *name,
                             const unsigned char *uuid),
                int *domid)
{
    libxl_domain_config cfg;
    libxl_domain_restore_params params;
    char *json = NULL;
    uint32_t id = (uint32_t)INVALID_DOMID;
    int fd, rc, ret = -1;

    libxl_domain_config_init(&cfg);
    libxl_domain_restore_params_init(&params);
    if ((fd = open(from, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_READ_FAILED,
                       "cannot restore a domain from '%s': %s", from,
                       strerror(errno));
        goto cleanup;
    }
    if (!(json = xenLibxlReadHeader(fd)) ||
        libxl_domain_config_from_json(ctx, &cfg, json) != 0) {
        virReportError(conn, NULL, VIR_FROM_XEN, VIR_ERR_READ_FAILED,
                       "cannot restore a domain from '%s': not a Xen save "
                       "image of this library",
                       from);
        goto cleanup;
    }
    if (check(conn, cfg.c_info.name,
              libxl_uuid_bytearray_const(&cfg.c_info.uuid)) < 0)
        goto cleanup;
    cfg.c_info.domid = INVALID_DOMID;
    params.checkpointed_stream = LIBXL_CHECKPOINTED_STREAM_NONE;
    params.stream_version = 2; /* libxl_domain_suspend writes v2 */
    rc = libxl_domain_create_restore(ctx, &cfg, &id, fd, -1, &params, NULL,
                                     NULL);
    if (rc != 0 || (rc = libxl_domain_unpause(ctx, id, NULL)) != 0) {
        if (id != (uint32_t)INVALID_DOMID)
            libxl_domain_destroy(ctx, id, NULL);
        xenLibxlError(conn, NULL, "restore the domain saved in the file", rc);
        goto cleanup;
    }
    *domid = (int)id;
    ret = 0;
cleanup:
    if (fd >= 0)
        close(fd);
    free(json);
    libxl_domain_restore_params_dispose(&params);
    libxl_domain_config_dispose(&cfg);
    return ret;
}

/* ------------------------------------------------------------ devices */

int
xenLibxlAttachDisk(virDomainPtr dom, libxl_ctx *ctx,
                   const virDomainDiskDef *disk)
{
    libxl_device_disk x;
    int rc, ret = -1;

    libxl_device_disk_init(&x);
    if (libxl_vdev_to_device_disk(ctx, (uint32_t)dom->id, disk->dst, &x) == 0) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_OPERATION_FAILED,
                       "cannot attach disk '%s' to domain '%s': it already "
                       "has a disk '%s'",
                       disk->dst, dom->name, disk->dst);
        goto cleanup;
    }
    libxl_device_disk_dispose(&x);
    if (xenLibxlDisk(disk, &x) < 0) {
        virReportOOM(dom->conn, VIR_FROM_XEN);
        goto cleanup;
    }
    if ((rc = libxl_device_disk_add(ctx, (uint32_t)dom->id, &x, NULL)) != 0) {
        xenLibxlError(dom->conn, dom, "attach a disk to", rc);
        goto cleanup;
    }
    ret = 0;
cleanup:
    libxl_device_disk_dispose(&x);
    return ret;
}

int
xenLibxlDetachDisk(virDomainPtr dom, libxl_ctx *ctx, const char *dst)
{
    libxl_device_disk x;
    int rc, ret = -1;

    libxl_device_disk_init(&x);
    if (libxl_vdev_to_device_disk(ctx, (uint32_t)dom->id, dst, &x) != 0) {
        virReportError(dom->conn, dom, VIR_FROM_XEN, VIR_ERR_NO_DEVICE,
                       "cannot detach disk '%s' from domain '%s': it has no "
                       "such disk",
                       dst, dom->name);
        goto cleanup;
    }
    if ((rc = libxl_device_disk_remove(ctx, (uint32_t)dom->id, &x, NULL))) {
        xenLibxlError(dom->conn, dom, "detach a disk from", rc);
        goto cleanup;
    }
    ret = 0;
cleanup:
    libxl_device_disk_dispose(&x);
    return ret;
}
