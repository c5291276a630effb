package nl.clanq.search;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.Set;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;

/**
 * A member profile as the index sees it (C8): read-only over the accounts' and organisations'
 * tables. Staff and people without an active seat are indexed as not listed; the vendor
 * communities the member belongs to restrict who finds them (S9).
 */
@Entity
@Immutable
@Table(name = "app_user")
@Indexed(index = "member")
class MemberDocument {

    @Id
    @DocumentId
    Long id;

    @Formula("(first_name || ' ' || last_name)")
    @FullTextField(analyzer = "name", projectable = Projectable.YES)
    String name;

    @FullTextField(analyzer = "dutch", projectable = Projectable.YES)
    String jobTitle;

    @FullTextField(analyzer = "name", projectable = Projectable.YES)
    String city;

    @Formula("(select string_agg(s.name, ', ' order by s.name) from user_specialism s where s.user_id = id)")
    @FullTextField(analyzer = "dutch", projectable = Projectable.YES)
    String specialisms;

    @Formula(
            """
            (select o.name from organisation_member om join organisation o on o.id = om.organisation_id
             where om.user_id = id and om.status = 'ACTIVE' order by om.joined_at desc limit 1)""")
    @FullTextField(analyzer = "name", projectable = Projectable.YES)
    String organisation;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "search_member_vendor", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "vendor_id")
    @GenericField
    Set<Long> vendorIds;

    /** C10: the last day-boundary of the blocks in force (the member's own, or their organisation's). */
    @Formula("greatest((select max(coalesce(ub.until, to_date('99991231', 'YYYYMMDD'))) from user_block ub"
            + " where ub.user_id = id and ub.lifted_at is null),"
            + " (select max(coalesce(ob.until, to_date('99991231', 'YYYYMMDD'))) from organisation_block ob"
            + " join organisation_member om on om.organisation_id = ob.organisation_id"
            + " where om.user_id = id and om.status = 'ACTIVE' and ob.lifted_at is null))")
    @GenericField
    java.time.LocalDate blockedUntil;

    @Formula("(staff_role is null and status = 'ACTIVE')")
    @GenericField
    boolean listed;

    protected MemberDocument() {}
}
