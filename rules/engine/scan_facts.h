// What rules need to know of the whole scan when a graph holds only a part of it
// (rules/engine/parts.h). Each fact is one some part may have that changes the
// findings of the others; a part's own graph tells the rest.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "grammars/model.h"

namespace patless {

class Graph;

// The subjects Flux's tokens can carry: the source-controller's, and
// `system:serviceaccount:<namespace>:<name>` of each object-level
// GitRepository (spec.serviceAccountName) in the scan, in each namespace
// kustomize or Flux may put it in. A name or namespace patless cannot know (a
// ${variable}, a patch it cannot read) widens the set: unknown is never reported.
// rules/identity/flux_identity.h finds them.
struct FluxSubjects {
  std::vector<std::string> exact;
  std::vector<std::string> prefixes;  // "system:serviceaccount:<namespace>:": any name there
  bool any = false;
  // A Flux Kustomization's spec.targetNamespace moves every GitRepository it may
  // apply: each of these namespaces with each of these names ("" is any name).
  // Kept apart so that parts of a scan add up to the whole scan's cross product.
  std::vector<std::string> moved_to;
  std::vector<std::string> moved_names;
  bool matches(const std::string& subject) const;
  void add(const FluxSubjects& other);
};

// Where an object is in a scan, in the order of the graph's objects: those of
// the documents in scan order, then those FluxInstances make (`generated`).
// `ordinal` is its index among its document's objects, or for one a
// FluxInstance makes, that FluxInstance's.
struct ObjectPlace {
  bool generated = false;
  size_t document = 0;  // index in the scan, or in a part until rules/engine/parts.cpp makes it the scan's
  size_t ordinal = 0;
  std::string path;
  bool operator<(const ObjectPlace& o) const {
    return std::tie(generated, document, ordinal) < std::tie(o.generated, o.document, o.ordinal);
  }
};

struct ScanFacts {
  // A microsoft.flux extension, or an extension that may be one, on a cluster
  // patless cannot tell: it may be the one any cluster has (PL106, as the two below).
  bool flux_extension_on_unknown_cluster = false;
  // An extension that may be Flux's on an `existing` cluster: it may be the one
  // a cluster of unknown name has.
  bool maybe_flux_extension_on_existing_cluster = false;
  // A federated credential whose identity patless cannot tell and that may be
  // Flux's on any cluster (PL401): its subject names flux-system, or its issuer
  // or subject is unknown.
  bool unlinked_credential_may_be_flux = false;
  FluxSubjects subjects;  // PL402-PL404

  // What links the Kubernetes objects of one part to those of others.
  // The self-managed Flux installations (Graph::flux_installations): the only
  // one, when no sync path places it, applies every object no other claims.
  size_t flux_installations = 0;
  // The targets of Flux Kustomizations' patches whose spec.path patless cannot
  // place: any object may be one (Graph::flux_kustomization_patches).
  std::vector<KustomizePatch> patches_anywhere;

  // PL509: an Alert on GitRepository errors in the scan; one that no
  // installation applies (it may reach any); and the first Azure-provider
  // GitRepository no installation applies.
  bool alert_in_scan = false;
  bool unapplied_alert = false;
  std::optional<ObjectPlace> first_unapplied_azure_repository;

  // The facts of one part, to be added up over all of them.
  static ScanFacts of(const Graph& part);
  void add(const ScanFacts& other);
};

}  // namespace patless
