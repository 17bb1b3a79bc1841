// One file deployed once per environment: its finding names each environment's cluster.
module envs 'cluster.bicep' = [for env in ['dev', 'test', 'prod', 'qa', 'perf', 'demo', 'dr']: {
  name: 'cluster-${env}'
  params: {
    clusterName: 'aks-${env}'
  }
}]
