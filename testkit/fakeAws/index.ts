/** The local fake AWS for tests: start it with `startFakeAws`, point the SDK at `fake.url`. */
export { startFakeAws } from "./server";
export type {
  FakeOrganizationPolicy,
  AuthorizationDetails,
  FakeAccount,
  FakeAnalyzer,
  FakeAnalyzerFinding,
  FakeAws,
  FakeKey,
  FakeOrganization,
  FakePolicyResource,
  FakeResources,
  FakeResourceShare,
  FakeSharedResource,
  FaultMatch,
  FaultOptions,
  FaultRule,
  RecordedCall,
  ServiceName,
  StartFakeAwsOptions,
} from "./types";
export { syntheticOrganization } from "./syntheticOrganization";
export type { SyntheticOrganization, SyntheticOrganizationOptions, SyntheticVendor } from "./syntheticOrganization";
export { loadFixtureDirectory } from "./fixtureDirectory";
export type { LoadedFixture } from "./fixtureDirectory";
