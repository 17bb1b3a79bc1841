// Writes a deterministic synthetic repository for the benchmark: Bicep
// clusters with identity modules and .bicepparam files, ARM templates with
// nested deployments, multi-document Flux YAML with kustomize inline patches,
// and the unrelated infrastructure most files of a real repository are. Flaws
// rotate through the files (32 kinds) so that every rule fires somewhere once
// N is at least 32 groups of 40 files.
//
//   generate_repo DIR [N]      (N files, default 4000)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

// Unrelated infrastructure: a storage account, a network and their parameters.
std::string filler_bicep(int i) {
  std::string s = R"(// Workload network and storage #I.
@description('Location of the resources.')
param location string = resourceGroup().location
@minLength(3)
param prefix string = 'wl#I'
param tags object = {
  owner: 'team-#I'
  costCenter: 'cc-#I'
}
var addressPrefix = '10.#I.0.0/16'
var subnets = [for n in range(0, 4): {
  name: 'snet-${n}'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 24, n)
  }
}]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${prefix}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: subnets
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower('${prefix}st${uniqueString(resourceGroup().id)}')
  location: location
  sku: {
    name: 'Standard_ZRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    networkAcls: {
      defaultAction: 'Deny'
      virtualNetworkRules: [for s in subnets: {
        id: '${vnet.id}/subnets/${s.name}'
      }]
    }
  }
}

output storageId string = storage.id
output vnetId string = vnet.id
)";
  return replace_all(s, "#I", std::to_string(i));
}

// A cluster with Flux; `flaw` picks what is wrong with it (0: nothing).
std::string cluster_bicep(int i, int flaw) {
  std::string s = R"(// Cluster #I with Flux pulling from Azure DevOps.
param location string = resourceGroup().location
param clusterName string
param repoUrl string

resource aks 'Microsoft.ContainerService/managedClusters@AKSAPI' = {
  name: clusterName
  location: location
  IDENTITY
  properties: {
    dnsPrefix: clusterName
    oidcIssuerProfile: { enabled: OIDC }
    securityProfile: { workloadIdentity: { enabled: WI } }
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4ds_v5'
        mode: 'System'
      }
    ]
  }
}

module fluxIdentity 'modules/identity-#I.bicep' = {
  name: 'flux-identity-#I'
  params: {
    location: location
    issuerUrl: aks.properties.oidcIssuerProfile.issuerURL
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: AUTOUPGRADE
    version: 'EXTVERSION'
    configurationSettings: {
      'SETTINGKEY': 'true'
      'workloadIdentity.azureClientId': CLIENTID
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@FLUXAPI' = {
  name: 'cluster-config'
  scope: aks
  dependsOn: [ flux ]
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    gitRepository: {
      url: repoUrl
      provider: 'PROVIDER'
      repositoryRef: { branch: 'main' }
      LEFTOVER
    }
    kustomizations: {
      infra: { path: './clusters/c#I', prune: true }
    }
  }
}
)";
  s = replace_all(s, "#I", std::to_string(i));
  s = replace_all(s, "AKSAPI", flaw == 13 ? "2022-07-01" : "2024-02-01");
  s = replace_all(s, "IDENTITY", flaw == 14 ? "" : "identity: { type: 'SystemAssigned' }");
  s = replace_all(s, "OIDC", flaw == 11 || flaw == 13 ? "false" : "true");
  s = replace_all(s, "WI", flaw == 12 ? "false" : "true");
  s = replace_all(s, "AUTOUPGRADE", flaw == 8 ? "true" : "false");
  s = replace_all(s, "EXTVERSION", flaw == 7 ? "1.12.1" : "1.15.1");
  s = replace_all(s, "SETTINGKEY", flaw == 9 ? "workloadIdentity.enabled" : "workloadIdentity.enable");
  s = replace_all(s, "CLIENTID", flaw == 19 ? "'3f2504e0-4f89-11d3-9a0c-0305e82c3301'" : "fluxIdentity.outputs.clientId");
  s = replace_all(s, "FLUXAPI", flaw == 1 ? "2023-05-01" : "2024-11-01");
  s = replace_all(s, "PROVIDER", flaw == 2 ? "Generic" : flaw == 3 ? "azure" : "Azure");
  s = replace_all(s, "LEFTOVER", flaw == 5 ? "httpsUser: 'flux'" : "");
  if (flaw == 31) {  // no microsoft.flux extension on the cluster
    size_t from = s.find("resource flux "), to = s.find("resource config ");
    s.erase(from, to - from);
    s = replace_all(s, "  dependsOn: [ flux ]\n", "");
  }
  if (flaw == 20) s = "// patless-disable-next-line PL1O1 typo in the id\n" + s;
  if (flaw == 21) s = "// patless-disable-next-line PL101 nothing to suppress\n" + s;
  return s;
}

std::string identity_bicep(int flaw) {
  std::string s = R"(// The identity Flux runs as, federated with the cluster.
param location string
param issuerUrl string

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: location
}

CREDENTIALS

output clientId string = fluxIdentity.properties.clientId
)";
  std::string credential = R"(resource federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity
  name: 'flux-source-controller'
  properties: {
    issuer: ISSUER
    subject: 'SUBJECT'
    audiences: [ 'AUDIENCE' ]
  }
})";
  credential = replace_all(credential, "ISSUER", flaw == 17 ? "'https://oidc.example.com/other/'" : "issuerUrl");
  credential = replace_all(credential, "SUBJECT", flaw == 16 ? "system:serviceaccount:flux-system:kustomize-controller"
                                                             : "system:serviceaccount:flux-system:source-controller");
  credential = replace_all(credential, "AUDIENCE", flaw == 18 ? "api://AzureADTokenExchange/" : "api://AzureADTokenExchange");
  if (flaw == 15) credential = "// No credential for Flux.";
  if (flaw == 10) {  // a second credential written at the same time
    credential += "\n\n" + replace_all(replace_all(credential, "federation '", "second '"), "'flux-source-controller'",
                                       "'second'");
  }
  return replace_all(s, "CREDENTIALS", credential);
}

std::string arm_template(int i, int flaw) {
  std::string s = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clusterName": { "type": "string", "defaultValue": "aks-arm-#I" },
    "repoUrl": { "type": "string", "defaultValue": "URL" }
  },
  "variables": { "clusterId": "[resourceId('Microsoft.ContainerService/managedClusters', parameters('clusterName'))]" },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "flux-#I",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "url": { "value": "[parameters('repoUrl')]" } },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "url": { "type": "string" } },
          "resources": [
            {
              "type": "Microsoft.KubernetesConfiguration/fluxConfigurations",
              "apiVersion": "2024-11-01",
              "name": "config-#I",
              "properties": { "gitRepository": { "url": "[parameters('url')]" PROVIDER } }
            }
          ]
        }
      }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "[format('st{0}', uniqueString(resourceGroup().id))]",
      "location": "[resourceGroup().location]",
      "sku": { "name": "Standard_LRS" },
      "kind": "StorageV2",
      "properties": { "minimumTlsVersion": "TLS1_2" }
    }
  ]
})";
  s = replace_all(s, "#I", std::to_string(i));
  s = replace_all(s, "URL", flaw == 4 ? "git@ssh.dev.azure.com:v3/contoso/infra/config"
                                      : "https://dev.azure.com/contoso/infra/_git/config");
  s = replace_all(s, "PROVIDER", flaw == 6 ? "" : ", \"provider\": \"Azure\"");
  if (flaw == 22) s.resize(s.size() / 2);  // a truncated file: PL001
  return s;
}

std::string flux_yaml(int i, int flaw) {
  std::string s = R"(apiVersion: source.toolkit.fluxcd.io/APIVERSION
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: URL
  ref:
    branch: main
  PROVIDER
  SECRET
  SERVICEACCOUNT
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m
  path: ./clusters/c#I
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
ALERT)";
  s = replace_all(s, "#I", std::to_string(i));
  s = replace_all(s, "APIVERSION", flaw == 27 ? "v1beta2" : "v1");
  s = replace_all(s, "URL", flaw == 25 ? "ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet"
                                       : "https://dev.azure.com/contoso/platform/_git/fleet");
  s = replace_all(s, "PROVIDER", flaw == 23 ? "" : flaw == 24 ? "provider: Azure" : "provider: azure");
  s = replace_all(s, "SECRET", flaw == 26 ? "secretRef:\n    name: flux-pat" : "");
  s = replace_all(s, "SERVICEACCOUNT", flaw == 28 ? "serviceAccountName: flux-apps" : "");
  // No Alert anywhere: PL509 is about the whole repository.
  s = replace_all(s, "ALERT", "");
  return s;
}

std::string kustomization(int flaw) {
  std::string s = R"(apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - gotk-components.yaml
  - gotk-sync.yaml
patches:
  - patch: |
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: source-controller
        annotations:
          azure.workload.identity/client-id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301
    target:
      kind: ServiceAccount
      name: source-controller
LABEL)";
  return replace_all(s, "LABEL", flaw == 30 ? "" : R"(  - patch: |-
      - op: add
        path: /spec/template/metadata/labels/azure.workload.identity~1use
        value: "true"
    target:
      kind: Deployment
      name: source-controller
)");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: generate_repo DIR [FILES]\n");
    return 2;
  }
  fs::path root = argv[1];
  const int total = argc > 2 ? std::atoi(argv[2]) : 4000;
  int written = 0;
  // Per group of 40 files: 1 cluster (4 files: cluster, module, .bicepparam, ARM),
  // 2 Flux trees (2 files each), 32 unrelated Bicep files.
  for (int g = 0; written < total; ++g) {
    const int flaw = g % 32;
    fs::path env = root / ("env" + std::to_string(g / 50)) / ("g" + std::to_string(g));
    auto file = [&](const fs::path& p, const std::string& text) {
      if (written < total) {
        write(p, text);
        ++written;
      }
    };
    file(env / "infra" / ("cluster-" + std::to_string(g) + ".bicep"), cluster_bicep(g, flaw));
    file(env / "infra" / "modules" / ("identity-" + std::to_string(g) + ".bicep"), identity_bicep(flaw));
    file(env / "infra" / ("cluster-" + std::to_string(g) + ".bicepparam"),
         "using './cluster-" + std::to_string(g) + ".bicep'\n\nparam clusterName = 'aks-" + std::to_string(g) +
             "'\nparam repoUrl = 'https://dev.azure.com/contoso/platform/_git/fleet'\n");
    file(env / "arm" / ("azuredeploy-" + std::to_string(g) + ".json"), arm_template(g, flaw));
    for (int k = 0; k < 2; ++k) {
      fs::path flux = env / "clusters" / ("c" + std::to_string(g * 2 + k)) / "flux-system";
      file(flux / "gotk-sync.yaml", flux_yaml(g * 2 + k, flaw));
      // One self-managed Flux in the repository (PL506 and PL508 look at it); the
      // other trees are managed by the microsoft.flux extension.
      file(flux / (g == 30 && k == 0 ? "kustomization.yaml" : "notes.yaml"),
           g == 30 && k == 0 ? kustomization(flaw) : "# Managed by the microsoft.flux extension.\n");
    }
    for (int k = 0; k < 32; ++k)
      file(env / "workloads" / ("workload-" + std::to_string(k) + ".bicep"), filler_bicep(g * 32 + k));
  }
  std::printf("%d files in %s\n", written, root.c_str());
  return 0;
}
