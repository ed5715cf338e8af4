package io.imlab.workflows;

import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.ReportRef;
import io.temporal.activity.ActivityInterface;

/** Reports. Wire names {@code Report.WriteExperimentReport} and {@code Report.WriteGridReport}. */
@ActivityInterface(namePrefix = "Report.")
public interface ReportActivities {
    /** Writes one experiment's results (JSON, CSV, HTML) and updates its run index. */
    ReportRef writeExperimentReport(ExperimentReportInput input);

    /** Writes a grid's comparison across cells, failed cells included. */
    ReportRef writeGridReport(GridReportInput input);
}
