package io.uplink.credential.policy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartPlanTest {

    @Test
    void smallUploadsUseThePreferredPartSize() {
        PartPlan plan = PartPlan.forSize(17 * PartPlan.MIB);

        assertThat(plan.partSize()).isEqualTo(8 * PartPlan.MIB);
        assertThat(plan.partCount()).isEqualTo(3);
        assertThat(plan.sizeOfPart(3, 17 * PartPlan.MIB)).isEqualTo(PartPlan.MIB);
    }

    @Property(tries = 1000)
    void everyPlanFitsS3Limits(@ForAll @LongRange(min = 1, max = PartPlan.MAX_OBJECT_SIZE) long size) {
        PartPlan plan = PartPlan.forSize(size);

        assertThat(plan.partCount()).isBetween(1, PartPlan.MAX_PARTS);
        assertThat(plan.partSize()).isBetween(PartPlan.MIN_PART_SIZE, PartPlan.MAX_PART_SIZE);
        long last = plan.sizeOfPart(plan.partCount(), size);
        assertThat(last).isBetween(1L, plan.partSize());
        assertThat(plan.partSize() * (plan.partCount() - 1) + last).isEqualTo(size);
    }
}
