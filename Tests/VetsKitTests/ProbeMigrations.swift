import ProbeModule
import TestSupport
import VetsKit

/// The test-only probe module's migrations.
var probeMigrations: ModuleMigrations { migrations(of: ProbeModule.self) }
