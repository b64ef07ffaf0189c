package discover

import (
	"sort"
	"strings"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// buildPackages makes one Package per directory holding a package.json or a pnpm-workspace.yaml.
func buildPackages(pkgs map[string]*packageJSON, pnpm map[string][]string) []*Package {
	var dirs []string
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	for d := range pnpm {
		if pkgs[d] == nil {
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	out := make([]*Package, 0, len(dirs))
	for _, d := range dirs {
		p := &Package{Dir: d}
		if pj := pkgs[d]; pj != nil {
			p.Name, p.Private, p.Deps = pj.name, pj.private, pj.deps
			p.Main, p.Module, p.Types = pj.main, pj.module, pj.types
			p.Exports, p.PrismaSchema = pj.exports, pj.prismaSchema
			p.Workspaces = append(p.Workspaces, pj.workspaces...)
		}
		for _, w := range pnpm[d] {
			if !contains(p.Workspaces, w) {
				p.Workspaces = append(p.Workspaces, w)
			}
		}
		out = append(out, p)
	}
	return out
}

// buildApps finds the Next.js apps among the walked files and fills in their routes, action files and
// middleware. dirs are the walked directories.
func buildApps(r *Repo, pkgs map[string]*packageJSON, dirs map[string]bool) []*App {
	isConfig := map[string]bool{}
	for _, n := range nextConfigNames {
		isConfig[n] = true
	}
	appSet := map[string]bool{}
	for d, p := range pkgs {
		if p.dependsOnNext() {
			appSet[d] = true
		}
	}
	for _, f := range r.Files {
		if isConfig[baseOf(f.Path)] {
			appSet[dirOf(f.Path)] = true
		}
	}
	var apps []*App
	for d := range appSet {
		a := &App{Dir: d}
		if p := pkgs[d]; p != nil {
			a.Name = p.name
		}
		for _, n := range nextConfigNames {
			if r.File(joinRel(d, n)) != nil {
				a.NextConfig = joinRel(d, n)
				break
			}
		}
		a.AppDirs = routerDir(d, "app", dirs)
		a.PagesDirs = routerDir(d, "pages", dirs)
		apps = append(apps, a)
	}
	sort.Slice(apps, func(i, j int) bool { return apps[i].Dir < apps[j].Dir })

	owner := func(p string) *App {
		var best *App
		for _, a := range apps {
			if under(p, a.Dir) && (best == nil || len(a.Dir) > len(best.Dir)) {
				best = a
			}
		}
		return best
	}
	for _, f := range r.Files { // sorted by path, so every list below is sorted too
		a := owner(f.Path)
		if a == nil || !f.Kind.IsSource() {
			continue
		}
		switch {
		case f.Directive == UseServer:
			a.ActionFiles = append(a.ActionFiles, f.Path)
		case f.MentionsUseServer:
			a.InlineActionCandidates = append(a.InlineActionCandidates, f.Path)
		}
		name := baseOf(f.Path)
		if len(a.AppDirs) > 0 && isRouteHandlerName(name) && strings.HasPrefix(f.Path, a.AppDirs[0]+"/") {
			rel := strings.TrimPrefix(dirOf(f.Path), a.AppDirs[0])
			if u, ok := appRouteURL(strings.TrimPrefix(rel, "/")); ok {
				a.Routes = append(a.Routes, &Route{File: f.Path, URLPath: u})
			}
		}
		if len(a.PagesDirs) > 0 && strings.HasPrefix(f.Path, a.PagesDirs[0]+"/") {
			if u, ok := pagesAPIURL(f.Path[len(a.PagesDirs[0])+1:]); ok {
				a.PagesAPI = append(a.PagesAPI, &Route{File: f.Path, URLPath: u})
			}
		}
	}
	for _, a := range apps {
		a.Middleware = findMiddleware(r, a)
	}
	return apps
}

// routerDir returns the router directory name ("app" or "pages") of the app at dir: dir/name when it exists,
// else dir/src/name when that exists.
func routerDir(dir, name string, dirs map[string]bool) []string {
	for _, d := range []string{joinRel(dir, name), joinRel(dir, "src/"+name)} {
		if dirs[d] {
			return []string{d}
		}
	}
	return nil
}

// findMiddleware returns the app's proxy or middleware file, which Next.js looks for next to the pages
// directory, else next to the app directory (see routes.go). When both exist, Next.js 16 fails the build;
// archlint reports it and takes proxy.
func findMiddleware(r *Repo, a *App) *Middleware {
	dir := a.Dir
	switch {
	case len(a.PagesDirs) > 0:
		dir = dirOf(a.PagesDirs[0])
	case len(a.AppDirs) > 0:
		dir = dirOf(a.AppDirs[0])
	}
	find := func(stem string) string {
		for _, e := range routeExtensions {
			if p := joinRel(dir, stem+e); r.File(p) != nil {
				return p
			}
		}
		return ""
	}
	proxy, mw := find("proxy"), find("middleware")
	switch {
	case proxy != "" && mw != "":
		r.Notifications = append(r.Notifications, report.Notification{
			ID: "middleware-and-proxy", Level: rules.Warning, Path: mw,
			Message: "both " + mw + " and " + proxy + " exist; Next.js 16 refuses to build with both, archlint uses " + proxy,
		})
		return &Middleware{Path: proxy, Kind: "proxy"}
	case proxy != "":
		return &Middleware{Path: proxy, Kind: "proxy"}
	case mw != "":
		return &Middleware{Path: mw, Kind: "middleware"}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
