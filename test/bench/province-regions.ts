/**
 * 县区 for the province-scale load: the county-level divisions of 山东省, 地级市 by 地级市
 * (2023 boundaries). Only 县 and 区 are kept (a 县级市 signs as “…市…局”, which reads like a
 * second city), and none that starts with 市 (市中区民政局 reads like a city bureau) or holds
 * another name: region detection is not what this load tests.
 */

export const PROVINCE = '山东省';

const BY_CITY: Record<string, string> = {
  济南市: '历下区 市中区 槐荫区 天桥区 历城区 长清区 章丘区 济阳区 莱芜区 钢城区 平阴县 商河县',
  青岛市: '市南区 市北区 黄岛区 崂山区 李沧区 城阳区 即墨区 胶州市 平度市 莱西市',
  淄博市: '淄川区 张店区 博山区 临淄区 周村区 桓台县 高青县 沂源县',
  枣庄市: '市中区 薛城区 峄城区 台儿庄区 山亭区 滕州市',
  东营市: '东营区 河口区 垦利区 利津县 广饶县',
  烟台市: '芝罘区 福山区 牟平区 莱山区 蓬莱区 龙口市 莱阳市 莱州市 招远市 栖霞市 海阳市',
  潍坊市: '潍城区 寒亭区 坊子区 奎文区 临朐县 昌乐县 青州市 诸城市 寿光市 安丘市 高密市 昌邑市',
  济宁市: '任城区 兖州区 微山县 鱼台县 金乡县 嘉祥县 汶上县 泗水县 梁山县 曲阜市 邹城市',
  泰安市: '泰山区 岱岳区 宁阳县 东平县 新泰市 肥城市',
  威海市: '环翠区 文登区 荣成市 乳山市',
  日照市: '东港区 岚山区 五莲县 莒县',
  临沂市: '兰山区 罗庄区 河东区 沂南县 郯城县 沂水县 兰陵县 费县 平邑县 莒南县 蒙阴县 临沭县',
  德州市: '德城区 陵城区 宁津县 庆云县 临邑县 齐河县 平原县 夏津县 武城县 乐陵市 禹城市',
  聊城市: '东昌府区 茌平区 阳谷县 莘县 东阿县 冠县 高唐县 临清市',
  滨州市: '滨城区 沾化区 惠民县 阳信县 无棣县 博兴县 邹平市',
  菏泽市: '牡丹区 定陶区 曹县 单县 成武县 巨野县 郓城县 鄄城县 东明县',
};

/** The first `count` 县区 of the province, in the list's order; throws when it has fewer. */
export function provinceSubregions(count: number): string[] {
  const names = [...new Set(Object.values(BY_CITY).flatMap((list) => list.split(' ')))].filter((name) => /[县区]$/.test(name));
  const distinct = names.filter((name) => !name.startsWith('市') && !names.some((other) => other !== name && other.includes(name)));
  if (distinct.length < count) throw new Error(`only ${distinct.length} 县区 names, ${count} asked for`);
  return distinct.slice(0, count);
}
